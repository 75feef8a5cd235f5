package org.bookbox.controller.event;

import java.util.Locale;

/** How a door session ended, as the {@code session} event says it. */
public enum Outcome {
    /** The door was opened and shut, and the shelves counted (or nothing could count them). */
    COMPLETED,
    /** The door was never opened within {@code open_within_s}; it relocked. */
    NOT_OPENED,
    /** Cut short: a lock fault, the agent stopping, the unit failing, a crash. */
    ABORTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
