package org.bookbox.controller.journal;

/** The journal could not be opened or written; the message says why in a technician's words. */
public final class JournalException extends Exception {

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
