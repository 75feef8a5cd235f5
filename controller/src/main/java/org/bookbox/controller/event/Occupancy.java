package org.bookbox.controller.event;

import java.util.Locale;

/** What a compartment holds, as far as its antennas or its last session tell. */
public enum Occupancy {
    EMPTY, OCCUPIED, UNKNOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
