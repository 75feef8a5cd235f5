package org.bookbox.drivers.part;

/** A part named in the profile that cannot be had: no driver, device missing, line busy. */
public final class PartUnavailableException extends Exception {
    public PartUnavailableException(String message) {
        super(message);
    }

    public PartUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
