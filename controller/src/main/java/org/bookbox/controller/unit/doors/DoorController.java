package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.Mode;
import org.bookbox.controller.event.Occupancy;
import org.bookbox.controller.event.Outcome;
import org.bookbox.controller.profile.UnitSpec.SecuritySpec;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.controller.unit.Items;
import org.bookbox.controller.unit.Worker;
import org.bookbox.drivers.rfid.FieldReader.TagRead;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.time.Timers;
import org.tinylog.Logger;

/**
 * One door's session state machine, run on its unit's event loop. Each phase ({@link DoorPhase}) is a
 * type carrying its own data and timers; {@link #on(DoorEvent)} is the one transition function.
 *
 * <pre>
 *  Idle --Start--> Unlocked --DoorOpened--> Open --DoorClosed--> Counting --Counted--> Idle
 *  Unlocked: OpenWithinPassed: relock, not_opened; LatchCheckDue without the latch seen, SpringCheckDue
 *            twice, or LockFailed: lock_fault, aborted
 *  Open past left_open_s: door_left_open until it closes
 *  Idle, DoorOpened: door_forced until it closes (then the shelves are counted)
 *  Counting, DoorOpened: door_forced; the count is the session's with reopened_while_counting, and
 *            the shelves are counted again once the door is shut
 *  any phase but Idle, Abort (agent stopping, unit failing): aborted
 * </pre>
 *
 * A session's event is written once, when it ends; a note written when it starts ({@link SessionLog})
 * lets a session the agent died in end at the next start.
 */
public final class DoorController {

    /** The phase's name, for the status document and tests. */
    public enum State { IDLE, UNLOCKED, OPEN, COUNTING }

    private final String unit;
    private final Door door;
    private final Timers timers;
    private final Clock clock;
    private final Worker worker;
    private final Alarms alarms;
    private final Shelves shelves;
    private final SessionWriter writer;
    private final ArrayDeque<DoorEvent> queued = new ArrayDeque<>();
    private DoorPhase phase = new DoorPhase.Idle();
    private boolean transitioning;

    /**
     * @param record   journals an event (type, data)
     * @param sessions where sessions are noted as they start and recorded as they end
     */
    public DoorController(String unit, Door door, Timers timers, Clock clock, Worker worker, Alarms alarms,
                          Consumer<BoxEvent> record, SessionLog sessions, SecuritySpec security) {
        this.unit = unit;
        this.door = door;
        this.timers = timers;
        this.clock = clock;
        this.worker = worker;
        this.alarms = alarms;
        this.shelves = new Shelves(unit, door, worker, alarms, record, security);
        this.writer = new SessionWriter(unit, door.name(), sessions, shelves);
    }

    /**
     * Takes an event. Run to completion: an event raised while a transition runs (a count that
     * returns at once) is taken after it, never inside it.
     */
    void on(DoorEvent event) {
        queued.add(event);
        if (transitioning) {
            return;
        }
        transitioning = true;
        try {
            for (DoorEvent e = queued.poll(); e != null; e = queued.poll()) {
                step(e);
            }
        } finally {
            transitioning = false;
        }
    }

    /** The transition function: every change of phase goes through here. */
    private void step(DoorEvent event) {
        DoorPhase from = phase;
        phase = switch (from) {
            case DoorPhase.Idle idle -> switch (event) {
                case DoorEvent.Start s -> unlock(s.session());
                case DoorEvent.DoorOpened o -> forced(idle, "door opened with no session");
                case DoorEvent.DoorClosed c -> afterForced(idle);
                case DoorEvent.Recount r -> {
                    takeStock(r.reason());
                    yield idle;
                }
                default -> idle;
            };
            case DoorPhase.Unlocked u -> switch (event) {
                case DoorEvent.LatchOpened l -> u.withLatchOpen();
                case DoorEvent.DoorOpened o -> opened(u);
                case DoorEvent.OpenWithinPassed p -> relock(u, Outcome.NOT_OPENED, null);
                case DoorEvent.LatchCheckDue c -> u.latchSeen() ? u : relock(u, Outcome.ABORTED,
                        "the lock did not unlatch on a " + door.spec().lock().maxOn().toMillis() + " ms pulse");
                case DoorEvent.SpringCheckDue c -> u.retried() ? relock(u, Outcome.ABORTED, "the door did not open on two pulses") : pulseAgain(u);
                case DoorEvent.LockFailed f -> relock(u, Outcome.ABORTED, "unlock not delivered: " + f.detail());
                case DoorEvent.Abort a -> end(u.session(), null, null, Outcome.ABORTED, List.of(), List.of(), List.of(a.why()));
                default -> u;
            };
            case DoorPhase.Open o -> switch (event) {
                case DoorEvent.DoorClosed c -> count(o);
                case DoorEvent.Abort a -> end(o.session(), o.openedAt(), null, Outcome.ABORTED, List.of(), List.of(), List.of(a.why()));
                default -> o; // already open: a bouncing contact
            };
            case DoorPhase.Counting c -> switch (event) {
                case DoorEvent.DoorOpened o -> {
                    // the count under way no longer says what this session took, nor what the next one starts from
                    alarms.raise(AlarmKind.DOOR_FORCED, door.name(), "door opened again while its shelves were being counted");
                    yield new DoorPhase.Counting(c.session(), c.openedAt(), c.closedAt(), true);
                }
                case DoorEvent.Counted r when r.session() == c.session() -> counted(c, r.result());
                case DoorEvent.Abort a -> end(c.session(), c.openedAt(), c.closedAt(), Outcome.ABORTED, List.of(), List.of(), List.of(a.why()));
                default -> c;
            };
        };
        DoorPhase to = phase; // leaving a phase cancels the timers it carried, unless the next one keeps them
        from.timers().stream().filter(t -> !to.timers().contains(t)).forEach(Timers.Pending::cancel);
    }

    private DoorPhase unlock(DoorSession s) {
        writer.opened(s);
        String fault = pulse();
        if (fault != null) {
            // a lock that cannot be pulsed: this door fails, the others go on
            alarms.raise(AlarmKind.LOCK_FAULT, door.name(), "unlock not delivered: " + fault);
            return end(s, null, null, Outcome.ABORTED, List.of(), List.of(), List.of("lock_fault"));
        }
        DoorPhase.Unlocked u = DoorPhase.Unlocked.arm(s, door, timers, this::on);
        shelves.unsecure(s.request.mode(), w -> s.writes = s.writes.plus(w));
        Logger.info("{} door {}: session {} ({}) unlocked", unit, door.name(), s.id, s.request.mode().wire());
        return u;
    }

    /** Energises the lock; a board's fault comes back later as LockFailed. The fault of a GPIO lock, at once. */
    private String pulse() {
        return door.pulse(worker, fault -> on(new DoorEvent.LockFailed(fault)));
    }

    private DoorPhase pulseAgain(DoorPhase.Unlocked u) {
        Logger.warn("{} door {}: did not open on the pulse; trying once more", unit, door.name());
        String fault = pulse();
        if (fault != null) {
            return relock(u, Outcome.ABORTED, "unlock not delivered: " + fault);
        }
        return u.pulsedAgain(timers.after(door.spec().lock().maxOn().plus(DoorPhase.SPRING_GRACE), () -> on(new DoorEvent.SpringCheckDue())));
    }

    private DoorPhase opened(DoorPhase.Unlocked u) {
        door.lock().release();
        u.session().unlatched.complete(true);
        alarms.clear(AlarmKind.LOCK_FAULT, door.name(), u.retried() ? "the door opened on the second pulse" : "the door opened on its lock");
        Timers.Pending leftOpen = timers.after(door.spec().leftOpen(), () ->
                alarms.raise(AlarmKind.DOOR_LEFT_OPEN, door.name(), "open longer than " + door.spec().leftOpen().toSeconds() + " s"));
        return new DoorPhase.Open(u.session(), clock.instant(), leftOpen);
    }

    /** The door stays shut: the lock is released and the session ends; a fault says why. */
    private DoorPhase relock(DoorPhase.Unlocked u, Outcome outcome, String fault) {
        door.lock().release();
        if (fault != null) {
            alarms.raise(AlarmKind.LOCK_FAULT, door.name(), fault);
        }
        return end(u.session(), null, null, outcome, List.of(), List.of(), fault == null ? List.of() : List.of("lock_fault"));
    }

    private DoorPhase forced(DoorPhase.Idle idle, String why) {
        alarms.raise(AlarmKind.DOOR_FORCED, door.name(), why);
        return idle;
    }

    private DoorPhase afterForced(DoorPhase.Idle idle) {
        if (alarms.isActive(AlarmKind.DOOR_FORCED, door.name())) {
            alarms.clear(AlarmKind.DOOR_FORCED, door.name(), "door closed");
            on(new DoorEvent.Recount(BoxEvent.InventoryReason.AFTER_SESSION));
        }
        return idle;
    }

    private DoorPhase count(DoorPhase.Open o) {
        alarms.clear(AlarmKind.DOOR_LEFT_OPEN, door.name(), "door closed");
        Instant closedAt = clock.instant();
        if (!shelves.counted()) {
            // no antenna: the door cycle is all there is to go by
            Mode mode = o.session().request.mode();
            if (mode == Mode.LOAD) {
                shelves.occupancy(Occupancy.OCCUPIED);
            } else if (mode == Mode.PICKUP) {
                shelves.occupancy(Occupancy.EMPTY);
            }
            return end(o.session(), o.openedAt(), closedAt, Outcome.COMPLETED, List.of(), List.of(), List.of());
        }
        DoorSession s = o.session();
        shelves.countAndSecure(s.request.mode(), r -> on(new DoorEvent.Counted(s, r)));
        return new DoorPhase.Counting(s, o.openedAt(), closedAt, false);
    }

    private DoorPhase counted(DoorPhase.Counting c, Worker.Outcome<Shelves.Count> r) {
        if (!r.ok()) {
            return end(c.session(), c.openedAt(), c.closedAt(), Outcome.COMPLETED, List.of(), List.of(), List.of("inventory_failed"));
        }
        Shelves.Change change = shelves.settle(r.value().after());
        c.session().writes = c.session().writes.plus(r.value().writes());
        SessionRequest req = c.session().request;
        List<String> violations = new ArrayList<>(Policy.violations(req.mode(), change.taken().size(), change.left().size(), req.maxItems()));
        if (req.mode() == Mode.PICKUP && !change.after().isEmpty()) {
            violations.add("items_left_behind");
        }
        if (c.reopened()) {
            violations.add("reopened_while_counting");
        }
        DoorPhase next = end(c.session(), c.openedAt(), c.closedAt(), Outcome.COMPLETED, change.taken(), change.left(), violations);
        if (c.reopened() && !door.sensor().isOpen()) {
            // shut again before the count was done: nothing else will count it, so count it once idle
            alarms.clear(AlarmKind.DOOR_FORCED, door.name(), "door closed");
            on(new DoorEvent.Recount(BoxEvent.InventoryReason.AFTER_SESSION));
        }
        return next;
    }

    private DoorPhase end(DoorSession s, Instant openedAt, Instant closedAt, Outcome outcome, List<TagRead> taken, List<TagRead> left,
                      List<String> violations) {
        s.unlatched.complete(false); // ended before the door was known unlatched: it never was
        if (outcome != Outcome.COMPLETED) {
            shelves.resecure(s.request.mode()); // nothing was taken: what went "on loan" at the unlock is secured again
        }
        writer.ended(s.id, s.request, openedAt, closedAt, outcome, Items.json(taken), Items.json(left), violations, s.writes);
        return new DoorPhase.Idle();
    }

    // ---- what the unit asks -------------------------------------------------------------------

    /** Unlocks the door for a session: its id, or null when the lock failed at once. The caller has checked {@link #busy()}. */
    public String start(SessionRequest request) {
        if (busy()) {
            throw new IllegalStateException("door " + door.name() + " is busy");
        }
        DoorSession s = new DoorSession(UUID.randomUUID().toString(), request);
        on(new DoorEvent.Start(s));
        return phase.session() == s ? s.id : null;
    }

    /** The door contact changed. */
    public void onDoor(boolean open) {
        on(open ? new DoorEvent.DoorOpened() : new DoorEvent.DoorClosed());
    }

    /** The lock's own feedback contact changed (active = latch open). */
    public void onLatch(boolean unlatched) {
        if (unlatched) {
            on(new DoorEvent.LatchOpened());
        }
    }

    /** Ends the session under way, if any, as {@code aborted}: the agent is stopping or the unit failed. The lock is released first. */
    public void abort(String why) {
        door.lock().release();
        on(new DoorEvent.Abort(why));
    }

    /** Releases the lock and forgets timers: the agent is stopping. */
    public void stop() {
        phase.timers().forEach(Timers.Pending::cancel);
        door.lock().release();
    }

    public State state() {
        return phase.state();
    }

    public boolean busy() {
        return !(phase instanceof DoorPhase.Idle) || door.sensor().isOpen();
    }

    public Door door() {
        return door;
    }

    /** The tags on the shelves as last counted. */
    public Map<TagUid, TagRead> stock() {
        return shelves.stock();
    }

    /** Empty, occupied or unknown: what the compartment holds, as far as its antennas or its last session tell. */
    public Occupancy occupancy() {
        return shelves.occupancy();
    }

    /**
     * Completes with true once the current session's door is known to be unlatched, false if the
     * session ends first (a lock fault): what a backend's {@code unlock} is answered with.
     */
    public CompletableFuture<Boolean> unlatched() {
        DoorSession s = phase.session();
        return s == null ? CompletableFuture.completedFuture(false) : s.unlatched;
    }

    /** Takes stock (at boot, or on request) and records an {@code inventory} event with the reason. */
    public void takeStock(BoxEvent.InventoryReason reason) {
        shelves.takeStock(reason, () -> phase instanceof DoorPhase.Idle);
    }

    /** A session noted as started and never ended (the agent died in it): ended now, {@code aborted}, after a count. */
    public void endInterrupted(JsonObject note) {
        writer.interrupted(note, door.spec().openWithin(), () -> phase instanceof DoorPhase.Idle);
    }
}
