package org.bookbox.drivers.lockboard;

/** A board that did not answer, or answered garbage, after its retry. */
public final class LockBoardException extends Exception {
    public LockBoardException(String message) {
        super(message);
    }
}
