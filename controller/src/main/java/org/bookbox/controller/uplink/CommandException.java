package org.bookbox.controller.uplink;

/** A command refused or failed, with the reason the reply carries in {@code error}. */
public final class CommandException extends Exception {

    private final String reason;

    public CommandException(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
