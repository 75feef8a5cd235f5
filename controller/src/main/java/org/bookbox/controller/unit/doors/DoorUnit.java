package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.Mode;
import org.bookbox.controller.event.Refusal;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.controller.profile.UnitSpec.NestSpec;
import org.bookbox.controller.screen.Notice;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.token.Token;
import org.bookbox.controller.token.TokenException;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.controller.unit.Feedback;
import org.bookbox.controller.unit.Unit;
import org.bookbox.controller.unit.UnitEnv;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.scanner.ScannedText;
import org.bookbox.drivers.scanner.Scanner;
import org.tinylog.Logger;

/**
 * A unit made of doors behind a scanner: a book nest or a pickup locker. A scanned token is checked
 * (tokens.md), then matched to what the unit offers and to a free door, and that door's session
 * starts; any refusal is a {@code scan.rejected} event and three blinks.
 */
public final class DoorUnit implements Unit {

    private final UnitSpec spec;
    private final UnitEnv env;
    private final List<DoorController> doors = new ArrayList<>();
    private final Scanner scanner;
    private final String scannerPrefix;
    private final Feedback feedback;
    private final Alarms alarms;
    /** A locker's lock-out after refused codes; null for a nest. */
    private final Lockout lockout;
    private final CodeAnswers answers;
    /** Recent faults (unit's context only): too many in a row leave the unit out of service. */
    private final List<Instant> faults = new ArrayList<>();
    private boolean outOfService;

    /** How long a stopping agent waits for this unit's loop to end its sessions. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Duration FAULT_WINDOW = Duration.ofMinutes(1);
    private static final int MAX_FAULTS = 3;

    public DoorUnit(UnitSpec spec, UnitEnv env, List<Door> doors, Scanner scanner, Output indicator) {
        this.spec = spec;
        this.env = env;
        this.scanner = scanner;
        this.scannerPrefix = spec instanceof NestSpec n ? n.scanner().prefix() : ((LockerSpec) spec).scanner().prefix();
        this.feedback = new Feedback(indicator, env.timers());
        this.alarms = new Alarms(spec.name(), env::record, this::alarmChanged);
        this.lockout = spec instanceof LockerSpec l ? new Lockout(l, alarms, env) : null;
        this.answers = new CodeAnswers(spec.name(), env, feedback, lockout);
        for (Door door : doors) {
            this.doors.add(new DoorController(spec.name(), door, env.timers(), env.clock(), env.worker(), alarms,
                    env::record, new ScreenedSessions(new JournalSessionLog(spec.name(), env.recorder(), env.tokens()::spend), env.screen()),
                    spec instanceof NestSpec n ? n.security() : ((LockerSpec) spec).security()));
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String kind() {
        return spec.kind();
    }

    @Override
    public List<Lock> locks() {
        return doors.stream().map(d -> d.door().lock()).toList();
    }

    public List<DoorController> doors() {
        return List.copyOf(doors);
    }

    public Feedback feedback() {
        return feedback;
    }

    @Override
    public void start() {
        for (DoorController c : doors) {
            c.door().sensor().onChange(open -> env.onContext(() -> {
                c.onDoor(open);
                showDoor(c);
            }));
            c.door().latch().ifPresent(latch -> latch.onChange(active -> env.onContext(() -> c.onLatch(active))));
        }
        // sessions the agent died in end first, counted against the shelves as they are now
        env.recorder().call(j -> j.notes().openSessions(name())).whenComplete((notes, failure) -> env.onContext(() -> {
            if (failure != null) {
                Logger.error("{}: sessions open at the last stop not read: {}", name(), failure.getMessage());
            }
            for (DoorController c : doors) {
                if (c.door().sensor().isOpen()) {
                    c.onDoor(true); // a door found open at boot is a door nobody unlocked
                }
                if (notes != null) {
                    notes.stream().filter(n -> c.door().name().equals(n.getString("door"))).forEach(c::endInterrupted);
                }
                c.takeStock(BoxEvent.InventoryReason.BOOT);
            }
        }));
        if (lockout != null) {
            lockout.resume();
        }
        scanner.onScan(text -> env.onContext(() -> onScan(text)));
        scanner.onStatus(online -> env.onContext(() -> {
            if (online) {
                alarms.clear(AlarmKind.SCANNER_OFFLINE, null, "scanner is back");
            } else {
                alarms.raise(AlarmKind.SCANNER_OFFLINE, null, "scanner unplugged or not answering");
            }
        }));
        scanner.start();
    }

    @Override
    public boolean inventory(String door) {
        List<DoorController> which = doors.stream().filter(d -> door == null || d.door().name().equals(door))
                .filter(d -> !d.door().antennas().isEmpty()).toList();
        which.forEach(d -> env.onContext(() -> d.takeStock(BoxEvent.InventoryReason.REQUESTED)));
        return !which.isEmpty();
    }

    private void onScan(String raw) {
        if (outOfService) {
            answers.refuse(Refusal.BUSY, "out of service after repeated faults", null, null, new Notice.OutOfService());
            return;
        }
        if (env.storage().full()) {
            // a session the box cannot record would be a door opened on nobody's account
            answers.refuse(Refusal.BUSY, "storage full: this box cannot record a session now", null, null, new Notice.StorageFull());
            return;
        }
        String text = ScannedText.clean(raw, scannerPrefix);
        long scanned = System.nanoTime();
        Token t;
        try {
            // on the loop: a signature check and one read, a fraction of a millisecond, and no write (two thread hops less)
            t = env.tokens().verify(text);
        } catch (TokenException e) {
            answers.spend(e.toSpend(), () -> answers.refuse(e.refusal(), e.getMessage(), e.jti(), e.sub(),
                    new Notice.Refused(e.refusal())));
            return;
        } catch (JournalException e) {
            Logger.error("token check failed: {}", e.getMessage());
            answers.refuse(Refusal.BUSY, "token state not readable: " + e.getMessage(), null, null, new Notice.Refused(Refusal.BUSY));
            return;
        }
        admit(t, scanned);
    }

    /** Opens the door the token is admitted to, or refuses it; {@code scanned} is when its code came (nanoTime). */
    private void admit(Token t, long scanned) {
        if (lockout != null && lockout.active() && t.role().equals("patron")) {
            // staff and technicians still get in during a lock-out: they are who comes to end it
            answers.spend(t.code(), () -> answers.refuse(Refusal.BUSY, "scanner locked out after refused codes; staff codes still work",
                    t.jti(), t.sub(), new Notice.LockedOut()));
            return;
        }
        switch (Admission.decide(spec, doors, t)) {
            case Admission.Refuse r -> answers.spend(t.code(), () -> answers.refuse(r.refusal(), r.detail(), t.jti(), t.sub(),
                    new Notice.Refused(r.refusal())));
            case Admission.Admit a -> {
                if (lockout != null) {
                    lockout.admitted();
                }
                int max = t.maxItems().orElse(spec instanceof NestSpec n ? n.maxItems() : Integer.MAX_VALUE);
                // the code is spent in the session's note (one fsync before the lock), then in the token state
                String session = open(a.door(), new SessionRequest(a.mode(), SessionRequest.actor(t.role(), t.sub(), t.jti()), max,
                        a.mode() == Mode.PICKUP ? t.hold() : null, a.door().door().spec().openWithin(), t.code()));
                if (session != null) {
                    env.metrics().scanToLock.observeNanos(System.nanoTime() - scanned);
                }
                answers.spend(t.code(), () -> { });
            }
        }
    }

    /** Unlocks a door for a session; null when the lock could not be pulsed (the reader is shown a refusal). */
    private String open(DoorController door, SessionRequest request) {
        String session = door.start(request);
        if (session == null) {
            feedback.refused(); // lock_fault: the session ended at once, nothing opened
        } else {
            feedback.accepted();
            env.screen().show(new Notice.Unlocked(door.door().name(), env.clock().instant().plus(request.openWithin())));
        }
        return session;
    }

    /**
     * The backend's {@code unlock}: the same session rules as a scan. Fails with the reply's reason:
     * {@code not_found}, {@code not_allowed}, {@code busy}.
     */
    public CompletableFuture<JsonObject> unlock(String doorName, String mode, JsonObject actor, Duration openWithin) {
        CompletableFuture<JsonObject> done = new CompletableFuture<>();
        env.onContext(() -> {
            Optional<DoorController> door = doors.stream().filter(d -> d.door().name().equals(doorName)).findFirst();
            List<Mode> offered = Admission.offered(spec);
            Optional<Mode> asked = Mode.of(mode);
            if (door.isEmpty()) {
                done.completeExceptionally(new Refused("not_found", "no door '" + doorName + "' in " + name()));
            } else if (asked.isEmpty() || !offered.contains(asked.get())) {
                done.completeExceptionally(new Refused("not_allowed", name() + " offers " + offered.stream().map(Mode::wire).toList()));
            } else if (door.get().busy()) {
                done.completeExceptionally(new Refused("busy", "door " + doorName + " is in use"));
            } else {
                int max = spec instanceof NestSpec n ? n.maxItems() : Integer.MAX_VALUE;
                String session = open(door.get(), new SessionRequest(asked.get(), actor, max, null,
                        openWithin == null ? door.get().door().spec().openWithin() : openWithin));
                // answered once the door is known unlatched (or could not be): the reply says what happened
                door.get().unlatched().whenComplete((unlatched, failure) -> {
                    if (session != null && Boolean.TRUE.equals(unlatched)) {
                        done.complete(new JsonObject().put("unit", name()).put("door", doorName).put("session", session));
                    } else {
                        done.completeExceptionally(new Refused("lock_fault", "door " + doorName + " did not unlock"
                                + (session == null ? "" : " (session " + session + " ended aborted)")));
                    }
                });
            }
        });
        return done;
    }

    @Override
    public JsonObject selftest() {
        return DoorReports.selftest(name(), doors, alarms);
    }

    /** A door opened or shut during a session: the reader is told what to do next. */
    private void showDoor(DoorController c) {
        switch (c.state()) {
            case OPEN -> env.screen().show(new Notice.DoorOpen(c.door().name()));
            case COUNTING -> env.screen().show(new Notice.Counting(c.door().name()));
            case IDLE, UNLOCKED -> { }
        }
    }

    private void alarmChanged(AlarmKind kind, String door, boolean active) {
        env.screen().alarm(kind, door, active);
        if (kind == AlarmKind.LOCK_FAULT && active) {
            feedback.refused(); // a pulse that did not unlatch: the reader must not wait at a door showing "accepted"
        }
        if (kind == AlarmKind.DOOR_LEFT_OPEN) {
            feedback.leftOpen(alarms.anyActive(AlarmKind.DOOR_LEFT_OPEN));
        }
    }

    @Override
    public void stop() {
        // a session open now ends aborted, on the unit's own loop where its state lives
        env.onContextAndWait(() -> doors.forEach(d -> d.abort("agent_stopped")), STOP_GRACE);
        doors.forEach(DoorController::stop);
        scanner.close();
        feedback.off();
    }

    /**
     * Something on this unit's loop failed: its doors are locked and their sessions end aborted, and the
     * unit starts over (shelves counted) while the agent's other units go on. A unit that fails three
     * times within a minute stays out of service, doors locked, until the agent restarts.
     */
    @Override
    public void recover(Throwable cause) {
        // the agent has released this unit's locks already; abort() below releases each again on its way
        Instant now = env.clock().instant();
        faults.removeIf(t -> t.isBefore(now.minus(FAULT_WINDOW)));
        faults.add(now);
        alarms.raise(AlarmKind.UNIT_FAULT, null, "failed: " + cause + "; doors locked, unit restarting");
        for (DoorController d : doors) {
            try {
                d.abort("unit_fault");
            } catch (RuntimeException e) {
                Logger.error(e, "{} door {}: session not ended after the fault", name(), d.door().name());
            }
        }
        feedback.off();
        // a lock-out stays: it outlives restarts of the agent, so a restart of the unit is no way round it
        if (faults.size() >= MAX_FAULTS) {
            outOfService = true;
            env.screen().raise(new Notice.OutOfService());
            Logger.error("{}: {} faults within {} s; out of service until the agent restarts", name(), faults.size(), FAULT_WINDOW.toSeconds());
            return;
        }
        doors.forEach(d -> d.takeStock(BoxEvent.InventoryReason.BOOT));
        alarms.clear(AlarmKind.UNIT_FAULT, null, "unit restarted");
    }

    @Override
    public JsonObject status() {
        return DoorReports.status(spec, doors, alarms);
    }
}
