package org.bookbox.controller.token;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.bookbox.controller.event.Refusal;
import org.bookbox.controller.journal.SpentCode;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.trust.TrustedKeys;

/**
 * The offline check of a QR token, exactly as tokens.md lists it, in its order. Once a token's
 * signature has verified, its {@code jti} is spent, so that a token opens at most one door, refused
 * or not, until it expires (ADR 0004). The check itself writes nothing, so that it can run on a
 * unit's loop: a genuine token is claimed (no second scan of it passes), and the caller makes the
 * claim durable, a refused token's with {@link #spend} before the refusal is answered, a token let
 * through with its door's session note before the door opens, and {@link #spend} after.
 */
public final class TokenVerifier {

    /** The last second of the year 9999: later is no time a token can mean, and arithmetic on it could overflow. */
    public static final long LATEST_TIME = 253_402_300_799L;

    /** Clock skew allowed on {@code exp} and {@code nbf}. */
    public static final long SKEW_SECONDS = 30;
    private static final Set<String> ROLES = Set.of("patron", "staff", "technician");

    private final TrustedKeys keys;
    private final TokenState state;
    private final Clock clock;
    private final BooleanSupplier clockSynced;
    private final String consortiumId;
    private final String deviceId;
    private final String libraryIsil;

    public TokenVerifier(TrustedKeys keys, TokenState state, Clock clock, BooleanSupplier clockSynced,
                         String consortiumId, String deviceId, String libraryIsil) {
        this.keys = keys;
        this.state = state;
        this.clock = clock;
        this.clockSynced = clockSynced;
        this.consortiumId = consortiumId;
        this.deviceId = deviceId;
        this.libraryIsil = libraryIsil;
    }

    /**
     * Checks everything up to and including revocation; the unit then checks what it offers
     * ({@code not_allowed}) and whether it is free ({@code busy}). The token returned is claimed, not
     * yet durable: the caller notes it with the session it opens ({@link Token#code()}) before the
     * door opens, or refuses it, and {@link #spend spends} it either way; a refusal thrown names the
     * code it spends ({@link TokenException#toSpend()}).
     *
     * @throws JournalException when the token state cannot be read
     */
    public Token verify(String text) throws TokenException, JournalException {
        return check(text, true);
    }

    /**
     * A token carried as a credential on many requests (a technician's console on the local API):
     * checked the same way, except that its jti is not spent, so it is good until it expires or is revoked.
     */
    public Token verifyCredential(String text) throws TokenException, JournalException {
        return check(text, false);
    }

    private Token check(String text, boolean spend) throws TokenException, JournalException {
        Jws jws;
        try {
            jws = Jws.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TokenException(Refusal.MALFORMED, e.getMessage(), null, null);
        }
        String jtiSeen = jws.payload().getValue("jti") instanceof String s ? s : null;
        String subSeen = jws.payload().getValue("sub") instanceof String s ? s : null;
        Token token;
        try {
            token = claims(jws);
        } catch (IllegalArgumentException e) {
            throw new TokenException(Refusal.MALFORMED, e.getMessage(), jtiSeen, subSeen);
        }
        Optional<PublicKey> key = keys.key(token.kid());
        if (key.isEmpty()) {
            throw new TokenException(Refusal.UNKNOWN_KEY, "kid '" + token.kid() + "' is not trusted", token.jti(), token.sub());
        }
        if (!jws.verifies(key.get())) {
            throw new TokenException(Refusal.BAD_SIGNATURE, "signature does not verify with key '" + token.kid() + "'", token.jti(), token.sub());
        }
        // From here on the token is genuine: whatever the answer, a scanned token's jti is spent.
        long now = clock.instant().getEpochSecond();
        if (!spend) {
            keepClock(); // a credential is not spent: its check alone says when the clock was right
        }
        boolean fresh = spend && state.claim(token.jti());
        refuseInvalid(token, now, spend && !fresh, fresh ? token.code() : null);
        return token;
    }

    /**
     * Makes a claimed code's jti durable in the token state, with the time the clock is known right
     * (one transaction): a refused code's before its refusal is answered, a code let through after
     * its door's session note has made it durable in the journal. Blocking: off the loop.
     */
    public void spend(SpentCode code) throws JournalException {
        state.remember(code.jti(), code.exp(), clockSynced.getAsBoolean() ? clock.instant().getEpochSecond() : null);
    }

    private void keepClock() throws JournalException {
        if (clockSynced.getAsBoolean()) {
            state.clockKnownGood(clock.instant().getEpochSecond());
        }
    }

    /**
     * The checks after the signature, in tokens.md's order.
     *
     * @param toSpend the code a refusal spends (a token claimed just now), or null
     */
    private void refuseInvalid(Token token, long now, boolean replayed, SpentCode toSpend) throws TokenException {
        if (!consortiumId.equals(token.iss())) {
            throw refuse(Refusal.WRONG_AUDIENCE, "issued for consortium '" + token.iss() + "'", token, toSpend);
        }
        if (token.aud() != null && token.aud().stream().noneMatch(a -> a.equals(deviceId) || a.equals("isil:" + libraryIsil) || a.equals("*"))) {
            throw refuse(Refusal.WRONG_AUDIENCE, "audience " + token.aud() + " does not name this device", token, toSpend);
        }
        long notBefore = Math.max(now, state.lastKnownGood());
        if (token.exp() + SKEW_SECONDS < notBefore) {
            throw refuse(Refusal.EXPIRED, "expired at " + token.exp() + (now < state.lastKnownGood() ? " (before the last time the clock was known right)" : ""), token, toSpend);
        }
        if (token.nbf() != null && token.nbf() > now + SKEW_SECONDS) {
            throw refuse(Refusal.NOT_YET_VALID, "valid from " + token.nbf(), token, toSpend);
        }
        if (replayed) {
            throw refuse(Refusal.REPLAYED, "jti '" + token.jti() + "' was already used on this device", token, toSpend);
        }
        TokenState.Revocations revoked = state.revocations();
        if (revoked.subs().contains(token.sub()) || revoked.jtis().contains(token.jti())) {
            throw refuse(Refusal.REVOKED, "on revocation list version " + revoked.version(), token, toSpend);
        }
    }

    private static TokenException refuse(Refusal refusal, String detail, Token token, SpentCode toSpend) {
        return new TokenException(refusal, detail, token.jti(), token.sub(), toSpend);
    }

    private static Token claims(Jws jws) {
        JsonObject h = jws.header();
        if (!"EdDSA".equals(h.getValue("alg"))) {
            throw new IllegalArgumentException("header alg is " + h.getValue("alg") + ", not EdDSA");
        }
        if (h.containsKey("crit")) {
            throw new IllegalArgumentException("header has critical extensions this device does not know");
        }
        String kid = text(h, "kid", true, 1, 256, "header");
        JsonObject c = jws.payload();
        String iss = text(c, "iss", true, 1, 64, "claim");
        String sub = text(c, "sub", true, 1, 64, "claim");
        String jti = text(c, "jti", true, 1, 64, "claim");
        long exp = number(c, "exp", true);
        Long nbf = c.containsKey("nbf") ? number(c, "nbf", true) : null;
        Long iat = c.containsKey("iat") ? number(c, "iat", true) : null;
        List<String> aud = null;
        if (c.containsKey("aud")) {
            Object a = c.getValue("aud");
            aud = a instanceof String s ? List.of(s) : strings(a, "aud");
        }
        String role = text(c, "role", true, 1, 32, "claim");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role '" + role + "' is not patron, staff or technician");
        }
        List<String> act = strings(c.getValue("act"), "act");
        if (act.isEmpty()) {
            throw new IllegalArgumentException("act is empty");
        }
        Integer max = null;
        if (c.containsKey("max")) {
            if (!(c.getValue("max") instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0) {
                throw new IllegalArgumentException("max is not a whole number of items");
            }
            max = n.intValue();
        }
        String door = text(c, "door", act.contains("pickup"), 1, 64, "claim");
        String hold = text(c, "hold", act.contains("pickup"), 1, 128, "claim");
        return new Token(kid, iss, sub, jti, exp, nbf, iat, aud, role, act, max, door, hold);
    }

    private static String text(JsonObject o, String key, boolean required, int min, int max, String what) {
        Object v = o.getValue(key);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException(what + " " + key + " is missing");
            }
            return null;
        }
        if (!(v instanceof String s) || s.length() < min || s.length() > max) {
            throw new IllegalArgumentException(what + " " + key + " is not a string of " + min + "-" + max + " characters");
        }
        return s;
    }

    private static long number(JsonObject o, String key, boolean required) {
        Object v = o.getValue(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("claim " + key + (v == null ? " is missing" : " is not a number"));
        }
        double d = n.doubleValue();
        if (!(d >= 0 && d <= LATEST_TIME)) {
            throw new IllegalArgumentException("claim " + key + " is not a time in seconds from 1970 to 9999");
        }
        return (long) Math.floor(d);
    }

    private static List<String> strings(Object v, String key) {
        if (!(v instanceof JsonArray a)) {
            throw new IllegalArgumentException("claim " + key + " is not a list");
        }
        List<String> out = new ArrayList<>();
        for (Object item : a) {
            if (!(item instanceof String s)) {
                throw new IllegalArgumentException("claim " + key + " holds a non-string");
            }
            out.add(s);
        }
        return out;
    }
}
