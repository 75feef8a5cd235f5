package org.bookbox.controller.screen;

import java.util.Locale;
import org.bookbox.controller.event.Refusal;

/**
 * Everything the box says to a reader, on its screen and aloud: one sentence per phrase in each
 * {@link Language} ({@code phrases_*.properties}), and one voice prompt per phrase and language
 * ({@code voice/<language>/<key>.wav}, made by {@code ./dev voices}). A sentence names no door or
 * number: those are shown beside it, so that the same recording fits every box.
 */
public enum Phrase {
    SCAN_YOUR_CODE,
    PUSH_BOOKS,
    REFUSED_MALFORMED,
    REFUSED_UNKNOWN_KEY,
    REFUSED_BAD_SIGNATURE,
    REFUSED_WRONG_AUDIENCE,
    REFUSED_EXPIRED,
    REFUSED_NOT_YET_VALID,
    REFUSED_REPLAYED,
    REFUSED_REVOKED,
    REFUSED_NOT_ALLOWED,
    REFUSED_BUSY,
    LOCKED_OUT,
    DOOR_UNLOCKED,
    DOOR_OPEN,
    COUNTING,
    SESSION_DONE,
    DOOR_NOT_OPENED,
    LOCK_FAULT,
    DOOR_LEFT_OPEN,
    BOOK_RECORDED,
    BOOK_NOT_READ,
    BIN_FULL,
    STORAGE_FULL,
    OUT_OF_SERVICE;

    /** The phrase for a refusal reason of tokens.md. */
    public static Phrase refused(Refusal reason) {
        return valueOf("REFUSED_" + reason.name());
    }

    /** The key in the phrase files and the voice prompt's file name: {@code refused.expired}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replaceFirst("^refused_", "refused.").replace('_', '-');
    }
}
