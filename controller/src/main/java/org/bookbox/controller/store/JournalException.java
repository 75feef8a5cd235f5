package org.bookbox.controller.store;

/** The journal could not be opened or written; the message says why in a technician's words. */
public final class JournalException extends Exception {

    private final boolean diskFull;

    public JournalException(String message) {
        this(message, null, false);
    }

    public JournalException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public JournalException(String message, Throwable cause, boolean diskFull) {
        super(message, cause);
        this.diskFull = diskFull;
    }

    /** The write failed because the data partition is full: the box must stop taking what it cannot record. */
    public boolean diskFull() {
        return diskFull;
    }
}
