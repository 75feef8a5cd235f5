package org.bookbox.drivers.rfid;

/** A reader that could not do what was asked; {@link #offline()} when it did not answer at all. */
public final class ReaderException extends Exception {

    private final boolean offline;

    public ReaderException(String message, boolean offline) {
        super(message);
        this.offline = offline;
    }

    public boolean offline() {
        return offline;
    }
}
