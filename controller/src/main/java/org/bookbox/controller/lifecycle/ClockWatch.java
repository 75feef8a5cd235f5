package org.bookbox.controller.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether the clock is known to be right. A Raspberry Pi has no battery-backed clock: until NTP has
 * set it, systemd-timesyncd has not created its flag file, and events say {@code clockunsynced}.
 */
public final class ClockWatch {

    private ClockWatch() {
    }

    public static BooleanSupplier flagFile(Path flag) {
        return () -> Files.exists(flag);
    }

    /** The simulated board runs on its host's clock, which is taken as synchronized. */
    public static BooleanSupplier hostClock() {
        return () -> true;
    }
}
