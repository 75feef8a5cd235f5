package org.bookbox.drivers.lockboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.lock.LockFault;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.part.PartUnavailableException;
import org.bookbox.drivers.part.Threads;
import org.tinylog.Logger;

/**
 * The CU boards of a box: their locks as {@link Lock}s and their hook contacts as {@link Input}s.
 * One poller thread per bus reads the status of every board in use four times a second; a board
 * that stops answering keeps its last known contacts and fails its unlocks, and only its
 * compartments are affected.
 */
public final class LockBoards implements AutoCloseable {

    static final long POLL_MS = 250;

    private final Map<String, LockBoardBus> buses;
    private final Function<LockBoardBus, CuBus> open;
    private final Map<String, Line> lines = new ConcurrentHashMap<>();
    private final Threads threads;

    public LockBoards(List<LockBoardBus> buses, Function<LockBoardBus, CuBus> open) {
        this(buses, open, Threads.PLATFORM);
    }

    /** @param open opens the CU bus of a declared line (a serial port on a board, a simulator in simulation) */
    public LockBoards(List<LockBoardBus> buses, Function<LockBoardBus, CuBus> open, Threads threads) {
        this.threads = threads;
        this.buses = new ConcurrentHashMap<>();
        buses.forEach(b -> this.buses.put(b.name(), b));
        this.open = open;
    }

    /** A lock; the board is told its unlock time (the profile's pulse), and never holds longer. */
    public Lock lock(PartAddress address, Duration pulse) throws PartUnavailableException {
        Line line = line(address);
        line.boards.add(address.board());
        line.pulses.merge(address.board(), (int) pulse.toMillis(), Math::min);
        return new Lock() {
            @Override
            public void energise() throws LockFault {
                try {
                    line.ensureUnlockTime(address.board());
                    line.bus.unlock(address.board(), address.number());
                } catch (LockBoardException e) {
                    throw new LockFault(e.getMessage(), e);
                }
            }

            @Override
            public boolean blocking() {
                return true;
            }

            @Override
            public void release() {
                // the board relocks by itself after its unlock time
            }

            @Override
            public boolean energised() {
                return false;
            }
        };
    }

    /** A lock's hook contact: active = the compartment door is open. */
    public Input hook(PartAddress address) throws PartUnavailableException {
        Line line = line(address);
        line.boards.add(address.board());
        return new Input() {
            @Override
            public boolean isActive() {
                BoardStatus s = line.status.get(address.board());
                return s != null && s.hook(address.number()) == line.spec.openBitSet();
            }

            @Override
            public void onChange(Consumer<Boolean> listener) {
                line.listeners.add(new Watch(address, listener));
            }
        };
    }

    private record Watch(PartAddress address, Consumer<Boolean> listener) {
    }

    private Line line(PartAddress address) throws PartUnavailableException {
        LockBoardBus spec = buses.get(address.bus());
        if (spec == null) {
            throw new PartUnavailableException(address + ": no lock-board bus '" + address.bus() + "' in the profile");
        }
        return lines.computeIfAbsent(spec.name(), n -> new Line(spec, open.apply(spec), threads));
    }

    private static final class Line {
        final LockBoardBus spec;
        final CuBus bus;
        final Set<Integer> boards = ConcurrentHashMap.newKeySet();
        final Map<Integer, Integer> pulses = new ConcurrentHashMap<>();
        final Set<Integer> timed = ConcurrentHashMap.newKeySet();
        final Map<Integer, BoardStatus> status = new ConcurrentHashMap<>();
        final List<Watch> listeners = new CopyOnWriteArrayList<>();
        final Thread poller;
        volatile boolean running = true;

        Line(LockBoardBus spec, CuBus bus, Threads threads) {
            this.spec = spec;
            this.bus = bus;
            this.poller = threads.newThread("lockboards " + spec.name(), this::poll);
            poller.start();
        }

        void ensureUnlockTime(int board) throws LockBoardException {
            if (!timed.contains(board)) {
                bus.unlockTime(board, pulses.getOrDefault(board, 500));
                timed.add(board);
            }
        }

        void poll() {
            while (running) {
                for (int board : new ArrayList<>(boards)) {
                    try {
                        BoardStatus now = bus.status(board);
                        BoardStatus before = status.put(board, now);
                        for (Watch w : listeners) {
                            if (w.address().board() != board) {
                                continue;
                            }
                            boolean open = now.hook(w.address().number()) == spec.openBitSet();
                            if (before == null ? open : open != (before.hook(w.address().number()) == spec.openBitSet())) {
                                w.listener().accept(open);
                            }
                        }
                    } catch (LockBoardException e) {
                        Logger.debug("{}", e.getMessage());
                    }
                }
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        lines.values().forEach(l -> {
            l.running = false;
            l.poller.interrupt();
            l.bus.close();
        });
    }
}
