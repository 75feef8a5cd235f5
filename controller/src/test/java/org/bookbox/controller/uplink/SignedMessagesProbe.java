package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.trust.TrustedKeys;

/** The uplink's signed-message checks, reachable from the fuzz tests' package. */
public final class SignedMessagesProbe {

    private SignedMessagesProbe() {
    }

    /** Verifies a message as the uplink does, then its expiry and the jti it would be answered under. */
    public static JsonObject verifyAndCheck(TrustedKeys keys, Clock clock, long lastKnownGood, String text) throws Refused {
        SignedMessages.unverifiedJti(text);
        SignedMessages signed = new SignedMessages(keys, clock, () -> lastKnownGood);
        JsonObject claims = signed.verify(text);
        signed.requireUnexpired(claims);
        return claims;
    }
}
