package org.bookbox.controller.token;

import org.bookbox.controller.event.Refusal;
import org.bookbox.controller.journal.SpentCode;

/**
 * A refused token: the reason, the {@code jti} and {@code sub} where they could be read, and the
 * code to spend before the refusal is answered (a genuine token's, seen here for the first time).
 */
public final class TokenException extends Exception {

    private final Refusal refusal;
    private final String jti;
    private final String sub;
    private final SpentCode toSpend;

    public TokenException(Refusal refusal, String detail, String jti, String sub) {
        this(refusal, detail, jti, sub, null);
    }

    TokenException(Refusal refusal, String detail, String jti, String sub, SpentCode toSpend) {
        super(refusal.reason() + ": " + detail);
        this.refusal = refusal;
        this.jti = jti;
        this.sub = sub;
        this.toSpend = toSpend;
    }

    /** The genuine code this refusal spends (claimed already; {@link TokenVerifier#spend} makes it durable), or null. */
    public SpentCode toSpend() {
        return toSpend;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String jti() {
        return jti;
    }

    public String sub() {
        return sub;
    }
}
