package org.bookbox.drivers.lock;

/** A lock that could not be energised: its output did not switch, or its lock-control board did not answer. */
public final class LockFault extends Exception {

    public LockFault(String message, Throwable cause) {
        super(message, cause);
    }
}
