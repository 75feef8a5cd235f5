package org.bookbox.controller.unit.dropbox;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.BoxEvent.Unidentified;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.part.Threads;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.FieldReader;
import org.bookbox.drivers.rfid.FieldReader.TagRead;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;
import org.tinylog.Logger;

/**
 * The drop box's chute as a state machine, on a thread of its own (reader I/O blocks). The thread
 * waits for the next event (the eye, or the time to read again) and hands it to {@link #on}.
 *
 * <pre>
 *  Ready --EyeBroken--> Reading: read every poll, tags merged by UID, each new book noted, the sorter
 *          set by the first new book --EyeCleared (or the window's time up)--> last read, then the
 *          returns settled (security, one event per tag) --> Ready
 *  Reading, window's time up with the eye still broken --> Blocked (chute_blocked) --EyeCleared--> Ready
 *  Ready, Blocked: Quiet (no eye change for a while) --> check the reader, retry unrecorded returns
 * </pre>
 *
 * A tag returned within the last minute, or never out of the field since (a book stuck in the
 * chute), is not returned again. Nothing read at all is one {@code return.unidentified no_tag}.
 */
public final class ChuteCycle implements Runnable {

    /** A tag seen again this soon after its return is the same book, not a new return. */
    static final Duration SAME_BOOK = Duration.ofSeconds(60);
    /** How often an idle chute checks that its reader still answers. */
    static final Duration HEALTH_CHECK = Duration.ofSeconds(10);

    sealed interface Phase { }

    record Ready() implements Phase { }

    record Reading(ChuteWindow window) implements Phase { }

    record Blocked() implements Phase { }

    sealed interface Event { }

    record EyeBroken() implements Event { }

    record EyeCleared() implements Event { }

    /** No change of the eye within a poll: time to read again. */
    record PollDue() implements Event { }

    /** No change of the eye for {@link #HEALTH_CHECK}. */
    record Quiet() implements Event { }

    private final DropBoxSpec spec;
    private final Input eye;
    private final List<Antenna> antennas;
    private final Output sorter;
    private final BinRules bins;
    private final Alarms alarms;
    private final Clock clock;
    private final Duration poll;
    private final ReturnWriter returns;
    private final BlockingQueue<Boolean> eyeChanges = new LinkedBlockingQueue<>();
    private final Map<TagUid, Instant> recent = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private Phase phase = new Ready();

    /** Told of each book the chute recorded ({@code true}: one that could not be read), on the chute's thread. */
    public void onCounted(Consumer<Boolean> listener) {
        returns.onCounted(listener);
    }

    /** @param place {@code library} and {@code location} of the box, carried by every return for the backend's SIP2 check-in */
    public ChuteCycle(DropBoxSpec spec, Input eye, List<Antenna> antennas, Output sorter, BinRules bins, EventRecorder recorder,
                      Alarms alarms, Clock clock, Duration poll, JsonObject place, Threads threads) {
        this.spec = spec;
        this.eye = eye;
        this.antennas = antennas;
        this.sorter = sorter;
        this.bins = bins;
        this.alarms = alarms;
        this.clock = clock;
        this.poll = poll;
        this.returns = new ReturnWriter(spec, antennas, recorder, place);
        this.thread = threads.newThread("chute " + spec.name(), this);
    }

    public void start() {
        eye.onChange(eyeChanges::offer);
        thread.start();
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }

    @Override
    public void run() {
        returns.recoverPending();
        while (running) {
            try {
                on(next());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Logger.error(e, "{}: chute cycle failed; ready for the next item", spec.name());
                phase = new Ready();
            }
        }
    }

    /** Waits for what happens next: a change of the eye, or, when none comes, the time to read or to look. */
    private Event next() throws InterruptedException {
        Duration wait = phase instanceof Reading ? poll : HEALTH_CHECK;
        Boolean broken = eyeChanges.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (phase instanceof Reading) {
            eyeChanges.clear(); // the read checks the eye itself: one read for a burst of flicker
        }
        if (broken == null) {
            return phase instanceof Reading ? new PollDue() : new Quiet();
        }
        return broken ? new EyeBroken() : new EyeCleared();
    }

    /** The phase now (for tests; the chute's own thread changes it). */
    Phase phase() {
        return phase;
    }

    /** The transition function. */
    void on(Event event) {
        phase = switch (phase) {
            case Ready r -> switch (event) {
                case EyeBroken b -> read(open());
                case Quiet q -> lookAround(r);
                default -> r;
            };
            case Reading r -> read(r.window()); // the eye changed or a poll passed: read, and close the window if it is over
            case Blocked b -> switch (event) {
                case EyeCleared c when !eye.isActive() -> {
                    alarms.clear(AlarmKind.CHUTE_BLOCKED, null, "the chute's eye is clear again");
                    yield new Ready();
                }
                case Quiet q -> lookAround(b);
                default -> b;
            };
        };
    }

    private ChuteWindow open() {
        ChuteWindow w = new ChuteWindow(clock.instant(), System.nanoTime() + spec.readWindow().toNanos(), bins.defaultBin());
        setSorter(w.bin());
        return w;
    }

    /** One read of the window; the window closes once the eye is clear or its time is up. */
    private Phase read(ChuteWindow w) {
        boolean over = !eye.isActive() || w.pastDeadline();
        try {
            readInto(w);
            w.offline(null);
        } catch (ReaderException e) {
            w.offline(e);
        } catch (RuntimeException e) {
            // a driver's bug on a garbled answer: this read is lost, not the window and the books already read
            Logger.error(e, "{}: the chute's reader failed on a read", spec.name());
            w.offline(new ReaderException("reader failed: " + e, false));
        }
        returns.notePending(w, recent);
        returns.secureInField(w);
        if (!w.sorterDecided()) {
            w.seen().values().stream().filter(r -> ReturnWriter.isBook(r) && !recent.containsKey(r.uid())).findFirst().ifPresent(r -> {
                w.decide(bins.binFor(r.decoding().item().ownerIsil()));
                setSorter(w.bin());
            });
        }
        return over ? close(w) : new Reading(w);
    }

    /** The window is over: what was read is settled; the chute is ready, or reads the next book at once, or is blocked. */
    private Phase close(ChuteWindow w) {
        eyeChanges.clear(); // flicker during this window is this window's
        if (w.offline() != null) {
            alarms.raise(AlarmKind.READER_OFFLINE, null, w.offline().getMessage());
        } else {
            alarms.clear(AlarmKind.READER_OFFLINE, null, "the chute's reader answers again");
        }
        Instant now = clock.instant();
        recent.entrySet().removeIf(e -> e.getValue().plus(SAME_BOOK).isBefore(now));
        List<TagRead> fresh = new ArrayList<>();
        for (TagRead r : w.seen().values()) {
            if (recent.containsKey(r.uid())) {
                recent.put(r.uid(), now); // still there: a stuck book, not a second return
            } else {
                fresh.add(r);
            }
        }
        if (w.seen().isEmpty()) {
            returns.unidentified(w.offline() != null ? Unidentified.UNREADABLE : Unidentified.NO_TAG, null,
                    w.offline() != null ? w.offline().getMessage() : "no tag in the chute's field", w.bin());
        }
        returns.notePending(w, recent);
        returns.settle(fresh, w, recent::put, now);
        Logger.info("{}: window of {} ms, {} tag(s), {} new, bin {}", spec.name(), Duration.between(w.start(), now).toMillis(),
                w.seen().size(), fresh.size(), w.bin());
        if (!eye.isActive()) {
            return new Ready();
        }
        if (w.pastDeadline()) {
            // something stuck across the eye (a jammed book, a bag, a hand): one window's record and one alarm
            alarms.raise(AlarmKind.CHUTE_BLOCKED, null, "the chute's eye is still broken after a " + spec.readWindow().toMillis() + " ms read window");
            return new Blocked();
        }
        return read(open()); // the next book is already in
    }

    private void readInto(ChuteWindow w) throws ReaderException {
        for (int i = 0; i < antennas.size(); i++) {
            Antenna a = antennas.get(i);
            for (TagUid uid : a.inventory()) {
                TagRead prior = w.seen().get(uid);
                if (prior == null || prior.unreadable()) {
                    w.seen().put(uid, FieldReader.read(a, uid));
                }
                w.antennaOf().putIfAbsent(uid, i);
            }
        }
    }

    /** A quiet chute: does its reader still answer, is a returned book still stuck in the field, is a return still unwritten. */
    private Phase lookAround(Phase p) {
        returns.retryUnrecorded();
        try {
            for (Antenna a : antennas) {
                for (TagUid uid : a.inventory()) {
                    if (recent.containsKey(uid)) {
                        recent.put(uid, clock.instant()); // still stuck in the field
                    }
                }
            }
            alarms.clear(AlarmKind.READER_OFFLINE, null, "the chute's reader answers again");
        } catch (ReaderException e) {
            alarms.raise(AlarmKind.READER_OFFLINE, null, e.getMessage());
        }
        return p;
    }

    private void setSorter(String bin) {
        if (sorter != null && bin != null) {
            sorter.set(bins.sorterOn(bin));
        }
    }
}
