package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.bookbox.controller.journal.EventTime;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.controller.unit.Items;
import org.bookbox.controller.unit.Worker;
import org.bookbox.drivers.rfid.FieldReader.TagRead;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.time.Timers;
import org.tinylog.Logger;

/**
 * One door's session state machine, run on its unit's event loop:
 *
 * <pre>
 *  IDLE --start--> UNLOCKED --door opens--> OPEN --door closes--> COUNTING --inventory--> IDLE
 *                     |  not opened within open_within_s: relock, outcome not_opened
 *                     |  lock feedback never unlatched: lock_fault, outcome aborted
 *  OPEN past left_open_s: door_left_open until it closes
 *  IDLE, door opens: door_forced until it closes
 *  COUNTING, door opens again: door_forced; the count is the session's with reopened_while_counting,
 *     and the shelves are counted again once the door is shut, so the next reader starts from the truth
 *  any state but IDLE, agent stops or the unit fails: outcome aborted
 * </pre>
 *
 * The session's event is written once, when it ends, with what the inventory diff says. A note
 * written when it starts ({@link SessionLog}) lets a session the agent died in end at the next start.
 */
public final class DoorController {

    public enum State { IDLE, UNLOCKED, OPEN, COUNTING }

    /** Inventory rounds per count: a tag missed in one round is not a book taken. */
    public static final int ROUNDS = 3;

    private final String unit;
    private final Door door;
    private final Timers timers;
    private final Clock clock;
    private final Worker worker;
    private final Alarms alarms;
    private final BiConsumer<String, JsonObject> record;
    private final SessionLog sessions;

    private State state = State.IDLE;
    private Map<TagUid, TagRead> stock = new HashMap<>();
    private Session session;
    private Timers.Pending openWithinTimer;
    private Timers.Pending leftOpenTimer;
    private Timers.Pending latchTimer;
    private Timers.Pending springTimer;
    private boolean latchSeen;
    private boolean retried;
    /** The door opened again while its shelves were being counted. */
    private boolean reopenedWhileCounting;
    private String occupancy = "unknown";

    /** How long a spring-loaded door has, after its pulse, to pop open. */
    static final Duration SPRING_GRACE = Duration.ofSeconds(1);

    private static final class Session {
        final String id;
        final SessionRequest request;
        /** True once the door is known to be unlatched (latch contact, door open, or a door that cannot tell); false if it never was. */
        final CompletableFuture<Boolean> unlatched = new CompletableFuture<>();
        Instant openedAt;
        Instant closedAt;

        Session(String id, SessionRequest request) {
            this.id = id;
            this.request = request;
        }
    }

    /**
     * @param record  journals an event (type, data)
     * @param sessions where sessions are noted as they start and recorded as they end
     */
    public DoorController(String unit, Door door, Timers timers, Clock clock, Worker worker, Alarms alarms,
                          BiConsumer<String, JsonObject> record, SessionLog sessions) {
        this.unit = unit;
        this.door = door;
        this.timers = timers;
        this.clock = clock;
        this.worker = worker;
        this.alarms = alarms;
        this.record = record;
        this.sessions = sessions;
    }

    public State state() {
        return state;
    }

    public boolean busy() {
        return state != State.IDLE || door.sensor().isOpen();
    }

    public Door door() {
        return door;
    }

    /** The tags on the shelves as last counted. */
    public Map<TagUid, TagRead> stock() {
        return Map.copyOf(stock);
    }

    /** Takes stock (at boot, or on request) and records an {@code inventory} event with the reason. */
    public void takeStock(String reason) {
        if (door.antennas().isEmpty()) {
            return;
        }
        worker.<Map<TagUid, TagRead>>run(() -> ShelfInventory.take(door.antennas(), ROUNDS), r -> {
            if (!r.ok()) {
                alarms.raise("reader_offline", door.name(), String.valueOf(r.failure().getMessage()));
                return;
            }
            alarms.clear("reader_offline", door.name(), "the door's antennas answer again");
            if (state == State.IDLE) {
                stock = r.value();
                occupancy = stock.isEmpty() ? "empty" : "occupied";
            }
            record.accept("inventory", new JsonObject().put("unit", unit).put("door", door.name())
                    .put("reason", reason).put("items", Items.json(r.value().values())));
        });
    }

    /** Unlocks the door for a session and returns its id; the caller has checked {@link #busy()}. */
    public String start(SessionRequest request) {
        if (busy()) {
            throw new IllegalStateException("door " + door.name() + " is busy");
        }
        session = new Session(UUID.randomUUID().toString(), request);
        state = State.UNLOCKED;
        latchSeen = false;
        retried = false;
        reopenedWhileCounting = false;
        sessions.opened(session.id, note(session));
        try {
            door.lock().energise();
        } catch (RuntimeException e) {
            // a lock-control board that does not answer: this door fails, the others go on
            alarms.raise("lock_fault", door.name(), "unlock not delivered: " + e.getMessage());
            end("aborted", List.of(), List.of(), List.of("lock_fault"));
            return session == null ? null : session.id;
        }
        if (door.latch().isEmpty() && !door.spec().opensOnUnlock()) {
            session.unlatched.complete(true); // nothing can tell: the pulse went out
        }
        openWithinTimer = timers.after(request.openWithin(), this::notOpened);
        if (door.spec().opensOnUnlock()) {
            springTimer = timers.after(door.spec().lock().maxOn().plus(SPRING_GRACE), this::checkSpring);
        }
        door.latch().ifPresent(latch -> {
            // give the solenoid its full pulse, and the contact a moment to report
            latchTimer = timers.after(door.spec().lock().maxOn().plusMillis(200), this::checkLatch);
            if (latch.isActive()) {
                latchSeen = true;
                session.unlatched.complete(true);
            }
        });
        Logger.info("{} door {}: session {} ({}) unlocked", unit, door.name(), session.id, request.mode());
        return session.id;
    }

    /**
     * Completes with true once the current session's door is known to be unlatched, false if the
     * session ends first (a lock fault): what a backend's {@code unlock} is answered with. Doors that
     * cannot tell (no latch contact, not spring-loaded) complete at once.
     */
    public CompletableFuture<Boolean> unlatched() {
        return session == null ? CompletableFuture.completedFuture(false) : session.unlatched;
    }

    /** A spring-loaded door still shut after its pulse: one more pulse, then it is a lock fault. */
    private void checkSpring() {
        springTimer = null;
        if (state != State.UNLOCKED) {
            return;
        }
        if (!retried) {
            retried = true;
            Logger.warn("{} door {}: did not open on the pulse; trying once more", unit, door.name());
            door.lock().energise();
            springTimer = timers.after(door.spec().lock().maxOn().plus(SPRING_GRACE), this::checkSpring);
            return;
        }
        door.lock().release();
        alarms.raise("lock_fault", door.name(), "the door did not open on two pulses");
        end("aborted", List.of(), List.of(), List.of("lock_fault"));
    }

    /** Empty, occupied or unknown: what the compartment holds, as far as its antennas or its last session tell. */
    public String occupancy() {
        return occupancy;
    }

    /** The lock's own feedback contact changed (active = latch open). */
    public void onLatch(boolean unlatched) {
        if (unlatched && state == State.UNLOCKED) {
            latchSeen = true;
            session.unlatched.complete(true);
        }
    }

    private void checkLatch() {
        latchTimer = null;
        if (state != State.UNLOCKED || latchSeen) {
            return;
        }
        door.lock().release();
        alarms.raise("lock_fault", door.name(), "the lock did not unlatch on a " + door.spec().lock().maxOn().toMillis() + " ms pulse");
        end("aborted", List.of(), List.of(), List.of("lock_fault"));
    }

    /** The door contact changed. */
    public void onDoor(boolean open) {
        if (open) {
            switch (state) {
                case IDLE -> alarms.raise("door_forced", door.name(), "door opened with no session");
                case UNLOCKED -> {
                    cancel(openWithinTimer);
                    cancel(latchTimer);
                    cancel(springTimer);
                    if (retried) {
                        alarms.clear("lock_fault", door.name(), "the door opened on the second pulse");
                    }
                    door.lock().release();
                    session.openedAt = clock.instant();
                    session.unlatched.complete(true);
                    state = State.OPEN;
                    alarms.clear("lock_fault", door.name(), "the door opened on its lock");
                    leftOpenTimer = timers.after(door.spec().leftOpen(), () ->
                            alarms.raise("door_left_open", door.name(), "open longer than " + door.spec().leftOpen().toSeconds() + " s"));
                }
                case COUNTING -> {
                    // the count under way no longer says what this session took, nor what the next one starts from
                    reopenedWhileCounting = true;
                    alarms.raise("door_forced", door.name(), "door opened again while its shelves were being counted");
                }
                default -> {
                    // already open: a bouncing contact
                }
            }
            return;
        }
        switch (state) {
            case IDLE -> {
                if (alarms.isActive("door_forced", door.name())) {
                    alarms.clear("door_forced", door.name(), "door closed");
                    takeStock("after_session");
                }
            }
            case OPEN -> {
                cancel(leftOpenTimer);
                alarms.clear("door_left_open", door.name(), "door closed");
                session.closedAt = clock.instant();
                state = State.COUNTING;
                count();
            }
            default -> {
                // UNLOCKED and closed: never opened yet; COUNTING: already closed
            }
        }
    }

    private void count() {
        if (door.antennas().isEmpty()) {
            // no antenna: the door cycle is all there is to go by
            String mode = session.request.mode();
            if (mode.equals("load")) {
                occupancy = "occupied";
            } else if (mode.equals("pickup")) {
                occupancy = "empty";
            }
            end("completed", List.of(), List.of(), List.of());
            return;
        }
        Session counted = session;
        worker.<Map<TagUid, TagRead>>run(() -> ShelfInventory.take(door.antennas(), ROUNDS), r -> {
            if (session != counted) {
                return; // the session was aborted (agent stopping, unit failed) while the shelves were counted
            }
            if (!r.ok()) {
                alarms.raise("reader_offline", door.name(), String.valueOf(r.failure().getMessage()));
                end("completed", List.of(), List.of(), List.of("inventory_failed"));
                return;
            }
            alarms.clear("reader_offline", door.name(), "the door's antennas answer again");
            Map<TagUid, TagRead> after = r.value();
            List<TagRead> taken = stock.entrySet().stream().filter(e -> !after.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
            List<TagRead> left = after.entrySet().stream().filter(e -> !stock.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
            stock = after;
            occupancy = after.isEmpty() ? "empty" : "occupied";
            List<String> violations = new ArrayList<>(Policy.violations(session.request.mode(), taken.size(), left.size(), session.request.maxItems()));
            if (session.request.mode().equals("pickup") && !after.isEmpty()) {
                violations.add("items_left_behind");
            }
            boolean reopened = reopenedWhileCounting;
            if (reopened) {
                violations.add("reopened_while_counting");
            }
            end("completed", taken, left, violations);
            if (reopened && !door.sensor().isOpen()) {
                // shut again before the count was done: nothing else will count it, so count it now
                alarms.clear("door_forced", door.name(), "door closed");
                takeStock("after_session");
            }
        });
    }

    /**
     * Ends the session under way, if any, as {@code aborted} with what is known: the agent is stopping
     * or the unit failed. The lock is released first.
     */
    public void abort(String why) {
        door.lock().release();
        if (session != null) {
            end("aborted", List.of(), List.of(), List.of(why));
        }
    }

    /**
     * A session noted as started and never ended (the agent died in it): counts the shelves now and
     * ends it {@code aborted}, what changed since it started charged to it, and that count is the stock.
     */
    public void endInterrupted(JsonObject note) {
        JsonArray before = note.getJsonArray("stock", new JsonArray());
        SessionRequest req = new SessionRequest(note.getString("mode"), note.getJsonObject("actor"), Integer.MAX_VALUE, note.getString("hold"),
                door.spec().openWithin());
        if (door.antennas().isEmpty()) {
            ended(note.getString("session"), req, null, null, "aborted", new JsonArray(), new JsonArray(), List.of("agent_stopped"));
            return;
        }
        worker.<Map<TagUid, TagRead>>run(() -> ShelfInventory.take(door.antennas(), ROUNDS), r -> {
            if (!r.ok()) {
                alarms.raise("reader_offline", door.name(), String.valueOf(r.failure().getMessage()));
                ended(note.getString("session"), req, null, null, "aborted", new JsonArray(), new JsonArray(), List.of("agent_stopped", "inventory_failed"));
                return;
            }
            Set<String> had = new HashSet<>();
            JsonArray taken = new JsonArray();
            for (Object o : before) {
                if (o instanceof JsonObject item) {
                    had.add(item.getString("uid"));
                    if (!r.value().containsKey(TagUid.parse(item.getString("uid")))) {
                        taken.add(item);
                    }
                }
            }
            JsonArray left = Items.json(r.value().values().stream().filter(t -> !had.contains(t.uid().hex())).toList());
            if (state == State.IDLE) {
                stock = r.value();
                occupancy = stock.isEmpty() ? "empty" : "occupied";
            }
            ended(note.getString("session"), req, null, null, "aborted", taken, left, List.of("agent_stopped"));
        });
    }

    /** What a session's note holds: enough to end it after a crash. */
    private JsonObject note(Session s) {
        JsonObject n = new JsonObject().put("session", s.id).put("door", door.name()).put("mode", s.request.mode())
                .put("actor", s.request.actor()).put("stock", Items.json(stock.values()));
        if (s.request.hold() != null) {
            n.put("hold", s.request.hold());
        }
        return n;
    }

    private void notOpened() {
        openWithinTimer = null;
        if (state != State.UNLOCKED) {
            return;
        }
        cancel(latchTimer);
        door.lock().release();
        end("not_opened", List.of(), List.of(), List.of());
    }

    private void end(String outcome, List<TagRead> taken, List<TagRead> left, List<String> violations) {
        cancel(openWithinTimer);
        cancel(latchTimer);
        cancel(leftOpenTimer);
        cancel(springTimer);
        Session s = session;
        session = null;
        state = State.IDLE;
        s.unlatched.complete(false); // ended before the door was known unlatched: it never was
        ended(s.id, s.request, s.openedAt, s.closedAt, outcome, Items.json(taken), Items.json(left), violations);
    }

    /** Writes a session's event (and so settles its note). */
    private void ended(String id, SessionRequest req, Instant openedAt, Instant closedAt, String outcome,
                       JsonArray taken, JsonArray left, List<String> violations) {
        JsonObject data = new JsonObject()
                .put("session", id).put("unit", unit).put("door", door.name())
                .put("mode", req.mode()).put("actor", req.actor())
                .put("opened_at", openedAt == null ? null : EventTime.format(openedAt))
                .put("closed_at", closedAt == null ? null : EventTime.format(closedAt))
                .put("outcome", outcome)
                .put("taken", taken).put("left", left)
                .put("violations", new JsonArray(List.copyOf(violations)));
        if (req.hold() != null) {
            data.put("hold", req.hold());
        }
        if (req.mode().equals("pickup") || req.mode().equals("load")) {
            data.put("compartment", occupancy);
        }
        sessions.ended(id, data);
        Logger.info("{} door {}: session {} {} (taken {}, left {}, violations {})", unit, door.name(), id, outcome,
                taken.size(), left.size(), violations);
    }

    /** Releases the lock and forgets timers: the agent is stopping. */
    public void stop() {
        cancel(openWithinTimer);
        cancel(leftOpenTimer);
        cancel(latchTimer);
        cancel(springTimer);
        door.lock().release();
    }

    private static void cancel(Timers.Pending p) {
        if (p != null) {
            p.cancel();
        }
    }
}
