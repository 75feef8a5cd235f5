package org.bookbox.drivers.scanner;

import java.time.Duration;

/** Exponential back-off between attempts to reopen a device: base, doubled each time, capped. */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private Duration next;

    public Backoff(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
        this.next = base;
    }

    /** The wait before the next attempt; each call doubles the one after, up to the cap. */
    public Duration next() {
        Duration now = next;
        next = next.multipliedBy(2).compareTo(cap) > 0 ? cap : next.multipliedBy(2);
        return now;
    }

    public void reset() {
        next = base;
    }
}
