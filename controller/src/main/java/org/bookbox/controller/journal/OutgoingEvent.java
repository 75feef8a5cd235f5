package org.bookbox.controller.journal;

/** A journaled event as the uplink sends it: its seq, its type (for the topic) and its CloudEvents JSON. */
public record OutgoingEvent(long seq, String type, byte[] payload) {
}
