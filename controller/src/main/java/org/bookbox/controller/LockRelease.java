package org.bookbox.controller;

import org.bookbox.drivers.lock.Lock;
import org.tinylog.Logger;

/** Releases locks one by one: a lock that fails to release never keeps the next one energised. */
final class LockRelease {

    private LockRelease() {
    }

    static void all(Iterable<? extends Lock> locks, String whose) {
        for (Lock lock : locks) {
            try {
                lock.release();
            } catch (RuntimeException e) {
                Logger.error(e, "could not release a lock of {}", whose);
            }
        }
    }
}
