package org.bookbox.controller.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * Feeds systemd's watchdog ({@code WATCHDOG=1}) at half its interval, but only while the agent's
 * liveness probe says every loop, the journal writer and the uplink answer: a stuck part stops the
 * feeding, and systemd restarts the agent (which starts by locking every door).
 */
public final class Watchdog implements AutoCloseable {

    private final ScheduledExecutorService thread;

    private Watchdog(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /** The watchdog interval systemd set ({@code WATCHDOG_USEC}), if it set one. */
    public static Optional<Duration> interval(Map<String, String> env) {
        try {
            long usec = Long.parseLong(env.getOrDefault("WATCHDOG_USEC", ""));
            return usec > 0 ? Optional.of(Duration.ofNanos(usec * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * @param probe what is stuck, or empty when all answer; it must itself return within the interval's half
     */
    public static Watchdog start(SystemdNotifier notifier, Duration interval, Supplier<Optional<String>> probe) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bookbox-watchdog");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, interval.toMillis() / 2);
        boolean[] starving = {false};
        thread.scheduleWithFixedDelay(() -> {
            try {
                Optional<String> stuck = probe.get();
                if (stuck.isEmpty()) {
                    notifier.send("WATCHDOG=1");
                    if (starving[0]) {
                        Logger.info("watchdog fed again: every part answers");
                    }
                    starving[0] = false;
                } else if (!starving[0]) {
                    Logger.error("not feeding the watchdog: {}", stuck.get());
                    starving[0] = true;
                }
            } catch (RuntimeException e) {
                Logger.error(e, "watchdog probe failed; not feeding the watchdog");
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        return new Watchdog(thread);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
