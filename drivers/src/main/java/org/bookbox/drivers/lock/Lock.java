package org.bookbox.drivers.lock;

/**
 * A lock. Released is locked: a lock is fail-secure and only an energised solenoid lets a door or
 * the flap open, so every way out of the program leaves it released.
 */
public interface Lock {

    /** Pulls the solenoid; a lock that cannot says so, never silently. */
    void energise() throws LockFault;

    void release();

    boolean energised();

    /**
     * Whether {@link #energise()} waits on a device (a lock-control board's serial exchange): such a
     * lock is energised off the event loops. A GPIO line switches at once.
     */
    default boolean blocking() {
        return false;
    }
}
