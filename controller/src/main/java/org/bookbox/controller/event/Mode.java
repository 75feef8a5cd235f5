package org.bookbox.controller.event;

import java.util.Locale;
import java.util.Optional;

/** Why a door is opened: the session's mode, as the contract writes it. */
public enum Mode {
    /** A book nest: take one, leave one. */
    EXCHANGE,
    /** A lending cabinet: what is taken is borrowed, what is left is returned. */
    BORROW,
    /** A reader collects a reserved book from a pickup locker. */
    PICKUP,
    /** Staff load a reserved book into a compartment. */
    LOAD,
    /** Staff or a technician open a door for service. */
    SERVICE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a contract word names, if it names one. */
    public static Optional<Mode> of(String word) {
        for (Mode m : values()) {
            if (m.wire().equals(word)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
