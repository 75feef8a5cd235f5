package org.bookbox.controller.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Event times as the contract writes them: UTC, milliseconds, {@code Z}. */
public final class EventTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventTime() {
    }

    public static String format(Instant t) {
        return FORMAT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }
}
