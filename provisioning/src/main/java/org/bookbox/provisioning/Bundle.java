package org.bookbox.provisioning;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.util.Optional;
import org.bookbox.controller.token.Jws;
import org.bookbox.controller.trust.TrustedKeys;

/**
 * A provisioning bundle: a JWS (EdDSA) signed by the consortium's provisioning key, carried as a QR
 * code, naming the one device it is for (docs/provisioning.md has its claims). Taken apart and
 * checked here; whether its id was used before is the box's token state's to say.
 */
record Bundle(String jti, long exp, String consortium, String device, Provisioning.Identity identity, String caPem, String trustedKeysJson) {

    static final String TYPE = "bookbox-provision+jwt";
    static final String AUDIENCE = "bookbox-provision";
    /** Clock skew allowed on expiry, as for tokens. */
    static final long SKEW_SECONDS = 30;

    /** Why a bundle is refused: a word for the kind, and the detail. */
    enum Refusal {
        MALFORMED("not a provisioning bundle"),
        FORGED("forged"),
        EXPIRED("expired"),
        OTHER_DEVICE("for another device"),
        REPLAYED("used before"),
        INCOMPLETE("incomplete");

        final String words;

        Refusal(String words) {
            this.words = words;
        }
    }

    static final class Refused extends Exception {
        final Refusal refusal;

        Refused(Refusal refusal, String detail) {
            super(refusal.words + ": " + detail);
            this.refusal = refusal;
        }
    }

    /**
     * Checks a bundle's form, signature, expiry and device.
     *
     * @param nowEpochSecond the latest the box knows the time to be
     */
    static Bundle verify(String text, TrustedKeys provisioningKeys, String thisDevice, long nowEpochSecond) throws Refused {
        Jws jws;
        try {
            jws = Jws.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused(Refusal.MALFORMED, e.getMessage());
        }
        if (!TYPE.equals(jws.header().getValue("typ")) || !"EdDSA".equals(jws.header().getValue("alg"))) {
            throw new Refused(Refusal.MALFORMED, "its header is not {\"alg\": \"EdDSA\", \"typ\": \"" + TYPE + "\"} (a QR token is not a bundle)");
        }
        String kid = jws.header().getValue("kid") instanceof String k ? k : "";
        Optional<PublicKey> key = provisioningKeys.key(kid);
        if (key.isEmpty()) {
            throw new Refused(Refusal.FORGED, "signed with key '" + kid + "', which is not one of the consortium's provisioning keys on this box");
        }
        if (!jws.verifies(key.get())) {
            throw new Refused(Refusal.FORGED, "its signature does not verify with provisioning key '" + kid + "'");
        }
        JsonObject c = jws.payload();
        if (!AUDIENCE.equals(c.getValue("aud"))) {
            throw new Refused(Refusal.MALFORMED, "its audience is not " + AUDIENCE);
        }
        long exp = number(c, "exp");
        if (nowEpochSecond > exp + SKEW_SECONDS) {
            throw new Refused(Refusal.EXPIRED, "it expired " + (nowEpochSecond - exp) + " s ago: ask for a new one");
        }
        String sub = text(c, "sub");
        if (!sub.equals(thisDevice)) {
            throw new Refused(Refusal.OTHER_DEVICE, "it is for device '" + sub + "', and this box is '" + thisDevice + "'");
        }
        URI broker;
        try {
            broker = new URI(text(c, "broker_url"));
        } catch (URISyntaxException e) {
            throw new Refused(Refusal.INCOMPLETE, "broker_url is not a URL");
        }
        if (!(c.getValue("trusted_keys") instanceof JsonObject keys)) {
            throw new Refused(Refusal.INCOMPLETE, "it has no trusted_keys (a JWK set)");
        }
        String ca = c.getValue("broker_ca") instanceof String s ? s : null;
        String location = c.getValue("location") instanceof String s ? s : null;
        Provisioning.Identity identity = new Provisioning.Identity(sub, text(c, "iss"), text(c, "library_isil"), location, broker);
        return new Bundle(text(c, "jti"), exp, identity.consortiumId(), sub, identity, ca, keys.encodePrettily());
    }

    private static String text(JsonObject c, String claim) throws Refused {
        if (c.getValue(claim) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new Refused(Refusal.INCOMPLETE, "it has no '" + claim + "'");
    }

    private static long number(JsonObject c, String claim) throws Refused {
        if (c.getValue(claim) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new Refused(Refusal.INCOMPLETE, "it has no whole-number '" + claim + "'");
    }
}
