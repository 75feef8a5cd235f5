package org.bookbox.drivers.lock;

import java.time.Duration;
import java.util.Objects;
import org.bookbox.drivers.time.Timers;

/**
 * Holds a lock to its profile: a door solenoid is rated for a pulse, not for being held, so every
 * energise is followed by a release after at most {@code maxOn}, whatever the caller does next.
 * A continuous-duty lock (the drop box's intake flap) has no limit.
 */
public final class LimitedLock implements Lock {

    private final Lock lock;
    private final Duration maxOn;
    private final Timers timers;
    private Timers.Pending guard;

    /** @param maxOn the longest the lock may stay energised, or null for a continuous-duty lock */
    public LimitedLock(Lock lock, Duration maxOn, Timers timers) {
        this.lock = Objects.requireNonNull(lock);
        this.maxOn = maxOn;
        this.timers = Objects.requireNonNull(timers);
    }

    @Override
    public synchronized void energise() throws LockFault {
        cancelGuard();
        lock.energise();
        if (maxOn != null) {
            guard = timers.after(maxOn, this::release);
        }
    }

    @Override
    public synchronized void release() {
        cancelGuard();
        lock.release();
    }

    @Override
    public synchronized boolean energised() {
        return lock.energised();
    }

    @Override
    public boolean blocking() {
        return lock.blocking();
    }

    /** The profile's limit, or null for continuous duty. */
    public Duration maxOn() {
        return maxOn;
    }

    private void cancelGuard() {
        if (guard != null) {
            guard.cancel();
            guard = null;
        }
    }
}
