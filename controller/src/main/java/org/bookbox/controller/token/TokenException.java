package org.bookbox.controller.token;

import org.bookbox.controller.event.Refusal;

/** A refused token: the reason, and the {@code jti} and {@code sub} where they could be read. */
public final class TokenException extends Exception {

    private final Refusal refusal;
    private final String jti;
    private final String sub;

    public TokenException(Refusal refusal, String detail, String jti, String sub) {
        super(refusal.reason() + ": " + detail);
        this.refusal = refusal;
        this.jti = jti;
        this.sub = sub;
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
