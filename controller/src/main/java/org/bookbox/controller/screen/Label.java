package org.bookbox.controller.screen;

import java.util.Locale;

/** The screen's smaller words around a phrase (headings, units): shown, never spoken. */
public enum Label {
    DOOR,
    SECONDS,
    TAKEN,
    LEFT,
    NOTHING,
    BOOKS_IN_STACK,
    SWITCH_LANGUAGE;

    public String key() {
        return "label." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
