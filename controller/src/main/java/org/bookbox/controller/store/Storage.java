package org.bookbox.controller.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bookbox.controller.housekeeping.Housekeeping;

/**
 * Whether the data partition still has room for what the box records. When it has not, the box
 * takes nothing in that it could not record: the drop box closes its flap, the doors refuse scans.
 * Set by {@link Housekeeping}; read by the units.
 */
public final class Storage {

    private volatile boolean full;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public boolean full() {
        return full;
    }

    /** Told (on the caller's thread) each time {@link #full()} changes. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public void set(boolean nowFull) {
        if (full != nowFull) {
            full = nowFull;
            listeners.forEach(Runnable::run);
        }
    }
}
