package org.bookbox.controller.token;

import java.util.Locale;

/** Why a QR token was refused: the reasons of tokens.md, as {@code scan.rejected} carries them. */
public enum Refusal {
    MALFORMED,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    WRONG_AUDIENCE,
    EXPIRED,
    NOT_YET_VALID,
    REPLAYED,
    REVOKED,
    NOT_ALLOWED,
    BUSY;

    /** The contract's spelling: {@code wrong_audience}. */
    public String reason() {
        return name().toLowerCase(Locale.ROOT);
    }
}
