package org.bookbox.drivers.time;

import java.time.Duration;

/**
 * Delayed work, injected so that tests drive time by hand and the agent runs it on its event loop.
 */
public interface Timers {

    Pending after(Duration delay, Runnable task);

    /** A task not yet run. */
    interface Pending {
        /** Stops the task if it has not run; harmless after it ran. */
        void cancel();
    }
}
