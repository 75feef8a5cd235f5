package org.bookbox.drivers.rfid;

/**
 * A reader that could not do what was asked: {@link #offline()} when it did not answer at all,
 * {@link #notSupported()} when the tag or reader does not know the command (EAS on a non-NXP tag).
 */
public final class ReaderException extends Exception {

    private final boolean offline;
    private final boolean notSupported;
    private final boolean tooMuch;

    public ReaderException(String message, boolean offline) {
        this(message, offline, false, false);
    }

    private ReaderException(String message, boolean offline, boolean notSupported, boolean tooMuch) {
        super(message);
        this.offline = offline;
        this.notSupported = notSupported;
        this.tooMuch = tooMuch;
    }

    public static ReaderException notSupported(String message) {
        return new ReaderException(message, false, true, false);
    }

    /** The reader cannot answer that much in one exchange (its buffer overflowed): ask for less. */
    public static ReaderException tooMuch(String message) {
        return new ReaderException(message, false, false, true);
    }

    public boolean tooMuch() {
        return tooMuch;
    }

    public boolean offline() {
        return offline;
    }

    public boolean notSupported() {
        return notSupported;
    }
}
