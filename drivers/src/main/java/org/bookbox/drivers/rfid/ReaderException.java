package org.bookbox.drivers.rfid;

/**
 * A reader that could not do what was asked: {@link #offline()} when it did not answer at all,
 * {@link #notSupported()} when the tag or reader does not know the command (EAS on a non-NXP tag).
 */
public final class ReaderException extends Exception {

    private final boolean offline;
    private final boolean notSupported;

    public ReaderException(String message, boolean offline) {
        this(message, offline, false);
    }

    private ReaderException(String message, boolean offline, boolean notSupported) {
        super(message);
        this.offline = offline;
        this.notSupported = notSupported;
    }

    public static ReaderException notSupported(String message) {
        return new ReaderException(message, false, true);
    }

    public boolean offline() {
        return offline;
    }

    public boolean notSupported() {
        return notSupported;
    }
}
