package org.bookbox.controller.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bookbox.controller.event.Refusal;
import org.bookbox.controller.journal.SpentCode;
import org.bookbox.controller.trust.TrustedKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every check of tokens.md, on tokens made by OpenSSL (make-tokens.sh beside the fixtures), not by
 * this project's code.
 */
class TokenVerifierTest {

    /** The fixtures' "now": 2026-11-25T00:00:00Z. */
    static final Instant NOW = Instant.ofEpochSecond(1795564800);

    static final Properties TOKENS = new Properties();

    static {
        try (InputStream in = TokenVerifierTest.class.getResourceAsStream("/tokens/tokens.properties")) {
            TOKENS.load(in);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    Path data;
    TokenState state;
    TrustedKeys keys;
    final AtomicBoolean synced = new AtomicBoolean(true);

    @BeforeEach
    void open() throws Exception {
        state = TokenState.open(data);
        keys = TrustedKeys.load(Path.of(getClass().getResource("/tokens/trusted-keys.json").toURI()));
    }

    @AfterEach
    void close() {
        state.close();
    }

    TokenVerifier verifier(Instant now) {
        return new TokenVerifier(keys, state, Clock.fixed(now, ZoneOffset.UTC), synced::get, "demo-consortium", "sim-box-1", "DE-705");
    }

    Token verify(String name) throws Exception {
        return verifier(NOW).verify(TOKENS.getProperty(name));
    }

    Refusal refusal(String text) {
        return assertThrows(TokenException.class, () -> verifier(NOW).verify(text)).refusal();
    }

    Refusal refusalOf(String name) {
        return refusal(TOKENS.getProperty(name));
    }

    @Test
    void aValidTokenGivesItsClaims() throws Exception {
        Token t = verify("valid");
        assertEquals("patron-4711", t.sub());
        assertEquals("t-valid", t.jti());
        assertEquals("patron", t.role());
        assertEquals(List.of("exchange", "borrow"), t.act());
        assertEquals(1795568400L, t.exp());
        assertEquals(1, verify("valid_second").maxItems().orElseThrow());
    }

    @Test
    void aTokenOpensOnceThenIsReplayedEvenAfterARestart() throws Exception {
        Token t = verify("valid");
        assertEquals(Refusal.REPLAYED, refusalOf("valid"), "claimed: no second scan passes while its door's note is written");
        verifier(NOW).spend(t.code());
        state.close();
        state = TokenState.open(data);
        assertEquals(Refusal.REPLAYED, refusalOf("valid"));
    }

    @Test
    void keysRotate() throws Exception {
        assertEquals("rotated-2027", verify("valid_rotated_key").kid());
    }

    @Test
    void audiences() throws Exception {
        verify("aud_device");
        verify("aud_isil");
        verify("aud_star");
        assertEquals(Refusal.WRONG_AUDIENCE, refusalOf("aud_other"));
        assertEquals(Refusal.WRONG_AUDIENCE, refusalOf("other_consortium"));
    }

    @Test
    void timeWithItsSkew() throws Exception {
        assertEquals(Refusal.EXPIRED, refusalOf("expired"));
        verify("expired_within_skew");
        assertEquals(Refusal.NOT_YET_VALID, refusalOf("not_yet_valid"));
        verify("nbf_within_skew");
    }

    @Test
    void keysAndSignatures() {
        assertEquals(Refusal.UNKNOWN_KEY, refusalOf("unknown_kid"));
        assertEquals(Refusal.BAD_SIGNATURE, refusalOf("untrusted_key"));
        String valid = TOKENS.getProperty("valid");
        char last = valid.charAt(valid.length() - 2);
        String tampered = valid.substring(0, valid.length() - 2) + (last == 'A' ? 'B' : 'A') + valid.charAt(valid.length() - 1);
        assertEquals(Refusal.BAD_SIGNATURE, refusal(tampered));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong_alg", "role_bad", "exp_string", "act_not_list", "pickup_no_door", "duplicate_claim"})
    void malformedClaims(String name) {
        assertEquals(Refusal.MALFORMED, refusalOf(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "a.b", "a.b.c.d", "eyJhbGciOiJFZERTQSJ9.e30.!!!!", "e30.e30.e30", "W10.e30.AAAA", "...", "]Q1eyJ"})
    void garbageIsMalformedNeverAnException(String text) {
        assertEquals(Refusal.MALFORMED, refusal(text));
    }

    @Test
    void jtiAndSubAreReportedWhenTheyCouldBeRead() {
        TokenException e = assertThrows(TokenException.class, () -> verifier(NOW).verify(TOKENS.getProperty("expired")));
        assertEquals("t-expired", e.jti());
        assertEquals("patron-4711", e.sub());
        TokenException g = assertThrows(TokenException.class, () -> verifier(NOW).verify("junk"));
        assertEquals(null, g.jti());
    }

    @Test
    void aCodeLetThroughIsOnlyClaimedUntilSpentAndTheTokenStateTakesWhatTheJournalSpent() throws Exception {
        Token t = verify("valid");
        state.close();
        state = TokenState.open(data);
        // the power went between the session's note (which holds the code) and the spend here
        assertFalse(state.used("t-valid"));
        state.rememberAll(List.of(t.code()));
        assertEquals(Refusal.REPLAYED, refusalOf("valid"));
        assertEquals(0, state.prune(t.exp()));
        assertEquals(1, state.prune(t.exp() + 1), "kept until its exp, as a spent code");
    }

    @Test
    void aRefusalAfterTheSignatureVerifiedSpendsTheJti() throws Exception {
        TokenException refused = assertThrows(TokenException.class, () -> verifier(NOW).verify(TOKENS.getProperty("aud_other")));
        assertEquals(Refusal.WRONG_AUDIENCE, refused.refusal());
        assertTrue(state.used("t-aud-other"), "claimed at once");
        assertEquals(new SpentCode("t-aud-other", 1795568400L), refused.toSpend(), "the refusal names the code its answer spends");
        verifier(NOW).spend(refused.toSpend());
        state.close();
        state = TokenState.open(data);
        assertTrue(state.used("t-aud-other"), "durable once spent");
        TokenException forged = assertThrows(TokenException.class, () -> verifier(NOW).verify(TOKENS.getProperty("untrusted_key")));
        assertEquals(Refusal.BAD_SIGNATURE, forged.refusal());
        assertNull(forged.toSpend());
        assertFalse(state.used("t-untrusted"), "a forged token must not burn the real holder's jti");
    }

    @Test
    void revocationsBySubAndJtiSurviveARestartAndOnlyNewerListsApply() throws Exception {
        assertTrue(state.applyRevocations(3, 1795560000L, Set.of("patron-666"), Set.of("t-revoked-jti")));
        assertFalse(state.applyRevocations(2, 1795560000L, Set.of(), Set.of()), "an older list is ignored");
        state.close();
        state = TokenState.open(data);
        assertEquals(Refusal.REVOKED, refusalOf("revoked_sub"));
        assertEquals(Refusal.REVOKED, refusalOf("revoked_jti"));
        assertEquals(3, state.revocations().version());
    }

    @Test
    void aClockThatWentBackNeverRevivesAnExpiredToken() throws Exception {
        // A scan while the clock was synchronized, an hour and a half after the fixtures' "now" (that
        // token was expired by then, but the box learnt the time) ...
        TokenException expired = assertThrows(TokenException.class, () -> verifier(NOW.plusSeconds(5400)).verify(TOKENS.getProperty("aud_star")));
        assertEquals(Refusal.EXPIRED, expired.refusal());
        verifier(NOW.plusSeconds(5400)).spend(expired.toSpend()); // as the unit does before it answers: the clock goes with the code
        assertEquals(NOW.plusSeconds(5400).getEpochSecond(), state.lastKnownGood());
        // ... then lost power, and its clock came back wrong and unsynchronized.
        synced.set(false);
        state.close();
        state = TokenState.open(data);
        TokenException e = assertThrows(TokenException.class, () -> verifier(NOW).verify(TOKENS.getProperty("valid")));
        assertEquals(Refusal.EXPIRED, e.refusal());
        assertTrue(e.getMessage().contains("before the last time the clock was known right"), e.getMessage());
    }

    @Test
    void usedJtisAreForgottenOnceTheirTokensExpired() throws Exception {
        verifier(NOW).spend(verify("valid").code());
        assertEquals(0, state.prune(1795568400L));
        assertEquals(1, state.prune(1795568401L));
        assertFalse(state.used("t-valid"));
    }

    @Test
    void anExpiryBeyondAnyTimeIsMalformedNotExpiredByOverflow() {
        // issue 9, defect 15: exp 1e308 overflowed to a time in the past
        assertEquals(Refusal.MALFORMED, refusalOf("exp_huge"));
    }
}
