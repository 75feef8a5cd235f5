package org.bookbox.drivers.scanner;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The simulated twin of a scanner: texts presented to it are delivered as scans. */
public final class SimulatedScanner implements Scanner {

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    @Override
    public void onScan(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** As if a reader held this code under the scanner. */
    public void present(String text) {
        if (closed) {
            throw new IllegalStateException("scanner is closed");
        }
        listeners.forEach(l -> l.accept(text));
    }

    @Override
    public void close() {
        closed = true;
        listeners.clear();
    }
}
