package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonObject;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.token.Jws;
import org.bookbox.controller.token.TokenVerifier;
import org.bookbox.controller.trust.TrustedKeys;

/** Commands, configuration and revocations: JWS compact, EdDSA, signed by a trusted key. */
final class SignedMessages {

    private final TrustedKeys keys;
    private final Clock clock;
    private final LongSupplier lastKnownGood;

    /** @param lastKnownGood the last time (epoch seconds) the device's clock was known right */
    SignedMessages(TrustedKeys keys, Clock clock, LongSupplier lastKnownGood) {
        this.keys = keys;
        this.clock = clock;
        this.lastKnownGood = lastKnownGood;
    }

    /** The verified payload; the exception names why not ({@code malformed}, {@code unknown_key}, {@code bad_signature}). */
    JsonObject verify(String text) throws Refused {
        Jws jws;
        try {
            jws = Jws.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused("malformed", e.getMessage());
        }
        if (!"EdDSA".equals(jws.header().getValue("alg"))) {
            throw new Refused("malformed", "alg is not EdDSA");
        }
        String kid = jws.header().getValue("kid") instanceof String k ? k : "";
        Optional<PublicKey> key = keys.key(kid);
        if (key.isEmpty()) {
            throw new Refused("unknown_key", "kid '" + kid + "' is not trusted");
        }
        if (!jws.verifies(key.get())) {
            throw new Refused("bad_signature", "signature does not verify");
        }
        return jws.payload();
    }

    /** The jti a message claims, unverified: only to address a refusal's reply. */
    static String unverifiedJti(String text) {
        try {
            return Jws.parse(text.strip()).payload().getValue("jti") instanceof String j ? j : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Refuses a message whose {@code exp} has passed (with the token rule's skew), judged as tokens are
     * (tokens.md): by the later of the device's clock and the last time that clock was known right, so
     * that a slow, unsynchronised clock cannot bring an old command back to life.
     */
    void requireUnexpired(JsonObject claims) throws Refused {
        if (!(claims.getValue("exp") instanceof Number exp) || !(exp.doubleValue() >= 0 && exp.doubleValue() <= TokenVerifier.LATEST_TIME)) {
            throw new Refused("malformed", "exp is missing or not a time from 1970 to 9999");
        }
        long now = clock.instant().getEpochSecond();
        long notBefore = Math.max(now, lastKnownGood.getAsLong());
        if (exp.longValue() + TokenVerifier.SKEW_SECONDS < notBefore) {
            throw new Refused("expired", "expired at " + exp.longValue() + (now < notBefore ? " (before the last time the clock was known right)" : ""));
        }
    }
}
