package org.bookbox.controller.uplink;

import org.tinylog.Logger;

/** A task on the uplink's thread whose failure is logged: one bad message never stops the thread's schedule. */
final class Guard {

    private Guard() {
    }

    static Runnable of(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                Logger.error(e, "uplink task failed");
            }
        };
    }
}
