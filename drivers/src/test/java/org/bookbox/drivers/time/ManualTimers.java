package org.bookbox.drivers.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Timers that run only when told the time has moved: tests of pulses and time-outs use this
 * instead of sleeping.
 */
public final class ManualTimers implements Timers {

    private final List<Task> tasks = new ArrayList<>();
    private long nowMs;
    private long order;

    private final class Task implements Pending {
        final long dueMs;
        final long seq = order++;
        final Runnable body;
        boolean cancelled;

        Task(long dueMs, Runnable body) {
            this.dueMs = dueMs;
            this.body = body;
        }

        @Override
        public void cancel() {
            synchronized (ManualTimers.this) {
                cancelled = true;
                tasks.remove(this);
            }
        }
    }

    @Override
    public synchronized Pending after(Duration delay, Runnable task) {
        Task t = new Task(nowMs + delay.toMillis(), task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward, running every task that falls due, in due order. */
    public void advance(Duration by) {
        long target;
        synchronized (this) {
            target = nowMs + by.toMillis();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> t.dueMs <= target)
                        .min(Comparator.<Task>comparingLong(t -> t.dueMs).thenComparingLong(t -> t.seq))
                        .orElse(null);
                if (next == null) {
                    nowMs = target;
                    return;
                }
                tasks.remove(next);
                nowMs = next.dueMs;
            }
            next.body.run();
        }
    }

    public synchronized long nowMs() {
        return nowMs;
    }

    public synchronized int pending() {
        return tasks.size();
    }
}
