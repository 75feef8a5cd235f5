package org.bookbox.drivers.lock;

/**
 * A lock. Released is locked: a lock is fail-secure and only an energised solenoid lets a door or
 * the flap open, so every way out of the program leaves it released.
 */
public interface Lock {

    void energise();

    void release();

    boolean energised();
}
