package org.bookbox.controller.event;

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

    /**
     * Whether the code scanned was a genuine, correctly signed code: only those count towards a
     * locker's lock-out. Anything else (a smudge, a cereal box, a forged code) proves nothing about
     * the person at the box, and the codes cannot be guessed anyway (docs/reliability.md).
     */
    public boolean ofAGenuineCode() {
        return switch (this) {
            case WRONG_AUDIENCE, EXPIRED, NOT_YET_VALID, REPLAYED, REVOKED, NOT_ALLOWED -> true;
            case MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, BUSY -> false;
        };
    }

    /** The contract's spelling: {@code wrong_audience}. */
    public String reason() {
        return name().toLowerCase(Locale.ROOT);
    }
}
