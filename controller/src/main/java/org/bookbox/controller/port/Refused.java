package org.bookbox.controller.port;

/**
 * A request the box refused or could not carry out, with the reason the contract names (a command
 * reply's {@code error}, or the local API's error): {@code not_found}, {@code not_allowed},
 * {@code busy}, {@code bad_args}, {@code lock_fault}, and the signed-message reasons.
 */
public final class Refused extends Exception {

    private final String reason;

    public Refused(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
