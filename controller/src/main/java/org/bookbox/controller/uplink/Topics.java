package org.bookbox.controller.uplink;

/** The contract's topics for one device. */
public record Topics(String consortium, String device) {

    String base() {
        return "consortium/" + consortium + "/device/" + device + "/";
    }

    public String event(String type) {
        return base() + "event/" + type;
    }

    public String status() {
        return base() + "status";
    }

    public String command() {
        return base() + "command";
    }

    public String reply() {
        return base() + "reply";
    }

    public String config() {
        return base() + "config";
    }

    public String revocations() {
        return "consortium/" + consortium + "/revocations";
    }
}
