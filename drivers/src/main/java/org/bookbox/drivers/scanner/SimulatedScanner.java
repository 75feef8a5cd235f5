package org.bookbox.drivers.scanner;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The simulated twin of a scanner: texts presented to it are delivered as scans. */
public final class SimulatedScanner implements Scanner {

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> statusListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean plugged = true;

    @Override
    public void onScan(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void onStatus(Consumer<Boolean> listener) {
        statusListeners.add(listener);
    }

    /** Pulls the scanner's plug (false) or puts it back (true). */
    public void plugged(boolean value) {
        if (plugged != value) {
            plugged = value;
            statusListeners.forEach(l -> l.accept(value));
        }
    }

    public boolean plugged() {
        return plugged;
    }

    /** As if a reader held this code under the scanner. */
    public void present(String text) {
        if (closed) {
            throw new IllegalStateException("scanner is closed");
        }
        if (!plugged) {
            throw new IllegalStateException("scanner is unplugged");
        }
        listeners.forEach(l -> l.accept(text));
    }

    @Override
    public void close() {
        closed = true;
        listeners.clear();
    }
}
