package org.bookbox.controller.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before the next connection attempt: exponential with full jitter (a uniform wait below a
 * cap that doubles per failure), so that a fleet whose broker comes back does not return at once.
 * The one back-off of the uplink.
 */
final class Backoff {

    private final long minMs;
    private final long maxMs;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMs = min.toMillis();
        this.maxMs = max.toMillis();
        this.random = random;
    }

    /** The wait after one more failure, in milliseconds. */
    long next() {
        long cap = Math.min(maxMs, minMs << Math.min(failures, 20));
        failures++;
        return random.nextLong(cap + 1);
    }

    /** A connection was made: the next failure starts from the shortest wait. */
    void reset() {
        failures = 0;
    }

    /** No failure since the last connection (so the first one is worth a log line). */
    boolean fresh() {
        return failures == 0;
    }
}
