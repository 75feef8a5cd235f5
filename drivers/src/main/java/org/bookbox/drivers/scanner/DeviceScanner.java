package org.bookbox.drivers.scanner;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bookbox.drivers.part.Threads;
import org.bookbox.drivers.serial.SerialLink;
import org.tinylog.Logger;

/**
 * A scanner on a device node (serial or evdev), read on a thread of its own. When the device goes
 * away (USB unplugged) it is reported offline and reopened with back-off until it is back.
 */
public final class DeviceScanner implements Scanner {

    /** Waits between reopen attempts; tests pass one that does not really sleep. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** The gap that ends a code from a scanner without a suffix. */
    private static final int IDLE_MS = 50;
    /** How long a read waits while no code is under way: no wake-ups on an idle box, and close() is seen within it. */
    private static final int QUIET_MS = 1000;

    private final String name;
    private final SerialLink.Opener opener;
    private final Supplier<CodeFramer> framers;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> statusListeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean online;

    public DeviceScanner(String name, SerialLink.Opener opener, Supplier<CodeFramer> framers, Backoff backoff, Sleeper sleeper) {
        this(name, opener, framers, backoff, sleeper, Threads.PLATFORM);
    }

    public DeviceScanner(String name, SerialLink.Opener opener, Supplier<CodeFramer> framers, Backoff backoff, Sleeper sleeper,
                         Threads threads) {
        this.name = name;
        this.opener = opener;
        this.framers = framers;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.thread = threads.newThread("scanner " + name, this::run);
    }

    /** Starts reading; listeners should be registered first. */
    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void onScan(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void onStatus(Consumer<Boolean> listener) {
        statusListeners.add(listener);
    }

    public boolean online() {
        return online;
    }

    private void run() {
        boolean reportedOffline = false;
        while (running) {
            try (SerialLink link = opener.open()) {
                backoff.reset();
                status(true);
                reportedOffline = false;
                read(link);
            } catch (IOException e) {
                if (!running) {
                    return; // closed: going away is what was asked, not news
                }
                if (online || !reportedOffline) {
                    Logger.warn("scanner {} offline: {}", name, e.getMessage());
                    status(false);
                    reportedOffline = true;
                }
            }
            if (!running) {
                return;
            }
            try {
                sleeper.sleep(backoff.next());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(SerialLink link) throws IOException {
        CodeFramer framer = framers.get();
        byte[] buffer = new byte[512];
        Consumer<String> emit = text -> listeners.forEach(l -> l.accept(text));
        while (running) {
            int n = link.read(buffer, framer.waiting() ? IDLE_MS : QUIET_MS);
            if (n == 0) {
                framer.idle(emit);
            } else {
                framer.accept(buffer, n, emit);
            }
        }
    }

    private void status(boolean value) {
        online = value;
        statusListeners.forEach(l -> l.accept(value));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
