package org.bookbox.controller.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.trust.TrustedKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Commands' time rules, on commands signed by OpenSSL (controller/src/test/resources/tokens/make-tokens.sh). */
class SignedMessagesTest {

    /** The fixtures' "now": 2026-11-25T00:00:00Z. */
    static final Instant NOW = Instant.ofEpochSecond(1795564800);
    static final Properties TOKENS = new Properties();
    static TrustedKeys keys;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = SignedMessagesTest.class.getResourceAsStream("/tokens/tokens.properties")) {
            TOKENS.load(in);
        }
        keys = TrustedKeys.load(Path.of(SignedMessagesTest.class.getResource("/tokens/trusted-keys.json").toURI()));
    }

    SignedMessages at(Instant deviceClock, long lastKnownGood) {
        return new SignedMessages(keys, Clock.fixed(deviceClock, ZoneOffset.UTC), () -> lastKnownGood);
    }

    @Test
    void aStaleUnlockIsRefusedEvenWhenTheClockIsSlowAndUnsynchronised() throws Exception {
        // issue 9, defect 7: the device's clock, an hour slow after a power cut, alone said the command was fresh
        SignedMessages slow = at(NOW.minusSeconds(3600), NOW.getEpochSecond());
        JsonObject claims = slow.verify(TOKENS.getProperty("cmd_unlock_stale"));
        Refused e = assertThrows(Refused.class, () -> slow.requireUnexpired(claims));
        assertEquals("expired", e.reason());
        assertTrue(e.getMessage().contains("before the last time the clock was known right"), e.getMessage());
    }

    @Test
    void aFreshCommandPassesOnTheDeviceClock() throws Exception {
        SignedMessages right = at(Instant.ofEpochSecond(1795564740), 1795564700);
        right.requireUnexpired(right.verify(TOKENS.getProperty("cmd_unlock_stale")));
    }

    @Test
    void anExpiryBeyondAnyTimeIsMalformedNotAnOverflow() throws Exception {
        SignedMessages right = at(NOW, NOW.getEpochSecond());
        JsonObject claims = right.verify(TOKENS.getProperty("cmd_exp_huge"));
        assertEquals("malformed", assertThrows(Refused.class, () -> right.requireUnexpired(claims)).reason());
    }
}
