package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonObject;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;
import org.bookbox.controller.token.Jws;
import org.bookbox.controller.token.TokenVerifier;
import org.bookbox.controller.trust.TrustedKeys;

/** Commands, configuration and revocations: JWS compact, EdDSA, signed by a trusted key. */
final class SignedMessages {

    private final TrustedKeys keys;
    private final Clock clock;

    SignedMessages(TrustedKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The verified payload; the exception names why not ({@code malformed}, {@code unknown_key}, {@code bad_signature}). */
    JsonObject verify(String text) throws CommandException {
        Jws jws;
        try {
            jws = Jws.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandException("malformed", e.getMessage());
        }
        if (!"EdDSA".equals(jws.header().getValue("alg"))) {
            throw new CommandException("malformed", "alg is not EdDSA");
        }
        String kid = jws.header().getValue("kid") instanceof String k ? k : "";
        Optional<PublicKey> key = keys.key(kid);
        if (key.isEmpty()) {
            throw new CommandException("unknown_key", "kid '" + kid + "' is not trusted");
        }
        if (!jws.verifies(key.get())) {
            throw new CommandException("bad_signature", "signature does not verify");
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

    /** Refuses a message whose {@code exp} has passed (with the token rule's skew). */
    void requireUnexpired(JsonObject claims) throws CommandException {
        if (!(claims.getValue("exp") instanceof Number exp)) {
            throw new CommandException("malformed", "exp is missing");
        }
        if (exp.longValue() + TokenVerifier.SKEW_SECONDS < clock.instant().getEpochSecond()) {
            throw new CommandException("expired", "expired at " + exp.longValue());
        }
    }
}
