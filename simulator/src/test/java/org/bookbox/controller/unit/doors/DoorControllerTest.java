package org.bookbox.controller.unit.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.EventJson;
import org.bookbox.controller.event.Mode;
import org.bookbox.controller.event.Outcome;
import org.bookbox.controller.profile.UnitSpec.DoorSpec;
import org.bookbox.controller.profile.UnitSpec.LockSpec;
import org.bookbox.controller.profile.UnitSpec.SecuritySpec;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.controller.unit.Worker;
import org.bookbox.drivers.door.DoorSensor;
import org.bookbox.drivers.lock.LimitedLock;
import org.bookbox.drivers.lock.OutputLock;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.iso28560.DanishDataModel;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.bookbox.drivers.time.ManualTimers;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.simulator.rfid.SimulatedTag;
import org.bookbox.simulator.rfid.TagField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every session outcome and door alarm, on GPIO parts of Pi4J's mock platform and simulated
 * antennas, with time moved by hand.
 */
class DoorControllerTest {

    static final PartAddress LOCK = PartAddress.parse("gpio:17");
    static final PartAddress CONTACT = PartAddress.parse("gpio:27:active-low");
    static final PartAddress LATCH = PartAddress.parse("gpio:22");
    static final PartAddress SHELF_1 = PartAddress.parse("rfid:/dev/rfid0#1");
    static final PartAddress SHELF_2 = PartAddress.parse("rfid:/dev/rfid0#2");

    final SimulatedBoard board = new SimulatedBoard();
    final ManualTimers time = new ManualTimers();
    final List<JsonObject> events = new ArrayList<>();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    /** Open-session notes as a journal would hold them. */
    final Map<String, JsonObject> notes = new LinkedHashMap<>();
    /** Runs inventories in line; while {@code holdCounts}, their results arrive only at {@link #finishCounts()}. */
    final List<Runnable> heldCounts = new ArrayList<>();
    boolean holdCounts;
    final Worker worker = new Worker() {
        @Override
        public <T> void run(Callable<T> job, Consumer<Outcome<T>> back) {
            if (holdCounts) {
                List<Outcome<T>> result = new ArrayList<>();
                Worker.direct().run(job, result::add); // the antennas are read now
                heldCounts.add(() -> back.accept(result.get(0)));
            } else {
                Worker.direct().run(job, back);
            }
        }
    };
    DoorController door;
    TagField shelf1;
    TagField shelf2;

    @BeforeEach
    void setUp() throws Exception {
        shelf1 = board.field(SHELF_1);
        shelf2 = board.field(SHELF_2);
        shelf1.put(tag("e004010000000001", "1001"));
        shelf1.put(tag("e004010000000002", "1002"));
        shelf2.put(tag("e004010000000003", "1003"));
        door = controller(false);
        door.takeStock(BoxEvent.InventoryReason.BOOT);
        events.clear();
    }

    static final SecuritySpec SECURITY = new SecuritySpec(0x07, 0xC2, false);

    DoorController controller(boolean withLatch) throws Exception {
        DoorSpec spec = new DoorSpec("left", new LockSpec(LOCK, Duration.ofMillis(800)), CONTACT,
                withLatch ? Optional.of(LATCH) : Optional.empty(), List.of(SHELF_1, SHELF_2), Duration.ofSeconds(10), Duration.ofSeconds(120), false);
        Door d = new Door(spec, new LimitedLock(new OutputLock(board.output(LOCK)), spec.lock().maxOn(), time),
                DoorSensor.on(board.input(CONTACT)), withLatch ? Optional.of(board.input(LATCH)) : Optional.empty(),
                List.of(board.antenna(SHELF_1), board.antenna(SHELF_2)));
        DoorController c = new DoorController("park-nest", d, time, clock, worker,
                new Alarms("park-nest", e -> events.add(EventJson.data(e).put("type", e.type()))),
                e -> events.add(EventJson.data(e).put("type", e.type())), new SessionLog() {
                    @Override
                    public void opened(String session, JsonObject note) {
                        notes.put(session, note);
                    }

                    @Override
                    public void ended(BoxEvent.SessionEnded event) {
                        notes.remove(event.session());
                        events.add(EventJson.data(event).put("type", "session"));
                    }
                }, SECURITY);
        d.sensor().onChange(c::onDoor);
        d.latch().ifPresent(l -> l.onChange(c::onLatch));
        return c;
    }

    static SimulatedTag tag(String uid, String item) {
        return new SimulatedTag(TagUid.parse(uid), DanishDataModel.encode(LibraryItem.circulating(item, "DE-705")), 0xC2);
    }

    SessionRequest request(String mode, int max) {
        return new SessionRequest(Mode.of(mode).orElseThrow(), SessionRequest.actor("patron", "patron-4711", "t-1"), max, null, Duration.ofSeconds(10));
    }

    boolean lockOn() throws Exception {
        return board.output(LOCK).isOn();
    }

    void door(boolean open) throws Exception {
        board.drive(CONTACT, open);
    }

    JsonObject last(String type) {
        return events.stream().filter(e -> e.getString("type").equals(type)).reduce((a, b) -> b).orElseThrow();
    }

    List<String> ids(JsonArray items) {
        return items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
    }

    @Test
    void anExchangeTakesOneAndLeavesOne() throws Exception {
        door.start(request("exchange", 2));
        assertEquals(true, door.unlatched().getNow(null), "a door that cannot tell is unlatched once pulsed");
        assertTrue(lockOn(), "the lock is energised at once");
        time.advance(Duration.ofMillis(800));
        assertFalse(lockOn(), "never longer than the profile's pulse");
        door(true);
        shelf1.remove(TagUid.parse("e004010000000002"));
        shelf2.put(tag("e004010000000009", "9009"));
        door(false);
        JsonObject s = last("session");
        assertEquals("completed", s.getString("outcome"));
        assertEquals("exchange", s.getString("mode"));
        assertEquals(List.of("1002"), ids(s.getJsonArray("taken")));
        assertEquals(List.of("9009"), ids(s.getJsonArray("left")));
        assertEquals(new JsonArray(), s.getJsonArray("violations"));
        assertEquals("2026-11-25T10:00:00.000Z", s.getString("opened_at"));
        assertEquals("patron-4711", s.getJsonObject("actor").getString("sub"));
        assertEquals(DoorController.State.IDLE, door.state());
    }

    @Test
    void oneMissedReadIsNotABookTaken() throws Exception {
        door.start(request("exchange", 2));
        door(true);
        shelf1.tags().forEach(t -> t.missInventories(2)); // silent in two of the three rounds
        door(false);
        JsonObject s = last("session");
        assertEquals(new JsonArray(), s.getJsonArray("taken"));
        assertEquals(new JsonArray(), s.getJsonArray("left"));
    }

    @Test
    void takingMoreThanLeftAndOverTheAllowanceAreRecordedNotEnforced() throws Exception {
        door.start(request("exchange", 1));
        door(true);
        shelf1.remove(TagUid.parse("e004010000000001"));
        shelf1.remove(TagUid.parse("e004010000000002"));
        door(false);
        assertEquals(List.of("took_more_than_left", "over_allowance"), last("session").getJsonArray("violations").getList());
    }

    @Test
    void aLendingCabinetJudgesOnlyTheAllowance() throws Exception {
        door.start(request("borrow", 1));
        door(true);
        shelf1.remove(TagUid.parse("e004010000000001"));
        door(false);
        assertEquals(List.of(), last("session").getJsonArray("violations").getList());
        door.start(request("borrow", 1));
        door(true);
        shelf1.remove(TagUid.parse("e004010000000002"));
        shelf2.remove(TagUid.parse("e004010000000003"));
        door(false);
        assertEquals(List.of("over_allowance"), last("session").getJsonArray("violations").getList());
    }

    @Test
    void aLendingCabinetLetsTakenBooksLeaveOnLoanAndSecuresWhatStays() throws Exception {
        // issue 11: in borrow mode nothing wrote the tags' AFI; ADR 0011 says what is written, and when
        for (TagField f : List.of(shelf1, shelf2)) {
            for (SimulatedTag t : f.tags()) {
                f.remove(t.uid());
                f.put(new SimulatedTag(t.uid(), t.memory(), SECURITY.afiInLibrary())); // secured books on the shelves
            }
        }
        door.takeStock(BoxEvent.InventoryReason.BOOT);
        door.start(request("borrow", 2));
        for (TagField f : List.of(shelf1, shelf2)) {
            f.tags().forEach(t -> assertEquals(SECURITY.afiOnLoan(), t.afi(), "on loan while still on the shelf: " + t.uid()));
        }
        door(true);
        SimulatedTag taken = shelf1.tags().stream().filter(t -> t.uid().equals(TagUid.parse("e004010000000002"))).findFirst().orElseThrow();
        shelf1.remove(taken.uid());
        door(false);
        assertEquals(SECURITY.afiOnLoan(), taken.afi(), "the book the reader took left on loan");
        for (TagField f : List.of(shelf1, shelf2)) {
            f.tags().forEach(t -> assertEquals(SECURITY.afiInLibrary(), t.afi(), "what stays is secured again: " + t.uid()));
        }
        JsonObject s = last("session");
        assertEquals(List.of("1002"), ids(s.getJsonArray("taken")));
        assertEquals(new JsonObject().put("written", 5).put("failed", new JsonArray()), s.getJsonObject("security"));
    }

    @Test
    void aLendingDoorNeverOpenedSecuresItsBooksAgain() throws Exception {
        door.start(request("borrow", 2));
        shelf1.tags().forEach(t -> assertEquals(SECURITY.afiOnLoan(), t.afi()));
        time.advance(Duration.ofSeconds(10));
        assertEquals("not_opened", last("session").getString("outcome"));
        for (TagField f : List.of(shelf1, shelf2)) {
            f.tags().forEach(t -> assertEquals(SECURITY.afiInLibrary(), t.afi(), "secured again: " + t.uid()));
        }
    }

    @Test
    void anExchangeWritesNoSecurity() throws Exception {
        door.start(request("exchange", 2));
        door(true);
        door(false);
        assertFalse(last("session").containsKey("security"));
        shelf1.tags().forEach(t -> assertEquals(0xC2, t.afi()));
    }

    @Test
    void aDoorNotOpenedInTimeRelocksWithOutcomeNotOpened() throws Exception {
        door.start(request("exchange", 2));
        time.advance(Duration.ofSeconds(10));
        JsonObject s = last("session");
        assertEquals("not_opened", s.getString("outcome"));
        assertNull(s.getValue("opened_at"));
        assertNull(s.getValue("closed_at"));
        assertFalse(lockOn());
        assertFalse(door.busy());
    }

    @Test
    void aDoorLeftOpenAlarmsUntilItCloses() throws Exception {
        door.start(request("exchange", 2));
        door(true);
        time.advance(Duration.ofSeconds(119));
        assertTrue(events.stream().noneMatch(e -> e.getString("type").equals("alarm")));
        time.advance(Duration.ofSeconds(1));
        JsonObject on = last("alarm");
        assertEquals("door_left_open", on.getString("kind"));
        assertEquals(true, on.getBoolean("active"));
        assertEquals("left", on.getString("door"));
        door(false);
        assertEquals(false, last("alarm").getBoolean("active"));
        assertEquals("completed", last("session").getString("outcome"));
    }

    @Test
    void aDoorOpenedWithNoSessionIsForcedAndTheShelvesAreCountedAfter() throws Exception {
        door(true);
        assertEquals("door_forced", last("alarm").getString("kind"));
        assertTrue(door.busy(), "no session starts on a door standing open");
        shelf1.remove(TagUid.parse("e004010000000001"));
        door(false);
        assertEquals(false, last("alarm").getBoolean("active"));
        JsonObject inv = last("inventory");
        assertEquals(List.of("1002", "1003"), ids(inv.getJsonArray("items")));
        door.start(request("exchange", 2));
        door(true);
        door(false);
        assertEquals(new JsonArray(), last("session").getJsonArray("taken"), "the next reader is not blamed for what a forced opening took");
    }

    @Test
    void aPulseThatDoesNotUnlatchIsALockFaultAndTheSessionEndsCleanly() throws Exception {
        DoorController withLatch = controller(true);
        withLatch.start(request("exchange", 2));
        CompletableFuture<Boolean> unlatched = withLatch.unlatched();
        assertFalse(unlatched.isDone(), "an unlock command waits to know");
        time.advance(Duration.ofMillis(1000));
        assertEquals(false, unlatched.getNow(null), "issue 9, defect 6: the command is answered lock_fault, not ok");
        JsonObject alarm = last("alarm");
        assertEquals("lock_fault", alarm.getString("kind"));
        JsonObject s = last("session");
        assertEquals("aborted", s.getString("outcome"));
        assertEquals(List.of("lock_fault"), s.getJsonArray("violations").getList());
        assertFalse(lockOn());
        assertFalse(withLatch.busy());
        assertEquals(0, time.pending(), "no timer left behind");
    }

    @Test
    void aLatchThatOpensIsNoFault() throws Exception {
        DoorController withLatch = controller(true);
        withLatch.start(request("exchange", 2));
        board.drive(LATCH, true);
        assertEquals(true, withLatch.unlatched().getNow(null));
        time.advance(Duration.ofMillis(1000));
        assertTrue(events.stream().noneMatch(e -> "lock_fault".equals(e.getString("kind"))));
        assertEquals(DoorController.State.UNLOCKED, withLatch.state());
    }

    @Test
    void aReaderThatStopsAnsweringEndsTheSessionWithoutGuessing() throws Exception {
        door.start(request("exchange", 2));
        door(true);
        shelf2.offline(true);
        door(false);
        JsonObject s = last("session");
        assertEquals(List.of("inventory_failed"), s.getJsonArray("violations").getList());
        assertEquals(new JsonArray(), s.getJsonArray("taken"));
        assertEquals("reader_offline", last("alarm").getString("kind"));
    }

    @AfterEach
    void close() {
        board.close();
    }

    void finishCounts() {
        holdCounts = false;
        List<Runnable> jobs = List.copyOf(heldCounts);
        heldCounts.clear();
        jobs.forEach(Runnable::run);
    }

    @Test
    void aDoorReopenedWhileItsShelvesAreCountedIsAnAlarmAndTheNextReaderIsNotCharged() throws Exception {
        // issue 9, defect 4
        door.start(request("exchange", 2));
        door(true);
        holdCounts = true;
        door(false); // counting starts; the count is slow
        assertEquals(DoorController.State.COUNTING, door.state());
        door(true); // someone pulls the door again: the lock was released when it first opened
        assertEquals("door_forced", last("alarm").getString("kind"));
        assertTrue(last("alarm").getBoolean("active"));
        shelf1.remove(TagUid.parse("e004010000000001"));
        door(false);
        finishCounts(); // the count (taken before the reopening's theft) finishes; the door is shut again
        JsonObject s = last("session");
        assertTrue(s.getJsonArray("violations").contains("reopened_while_counting"), s.encode());
        assertFalse(last("alarm").getBoolean("active"), "cleared once shut and counted again");
        assertEquals("after_session", last("inventory").getString("reason"));
        // the next reader's session starts from the recount: the book taken meanwhile is not theirs
        door.start(request("exchange", 2));
        door(true);
        door(false);
        assertEquals(new JsonArray(), last("session").getJsonArray("taken"));
    }

    @Test
    void aSessionIsNotedWhenItStartsAndTheNoteSettledWhenItEnds() throws Exception {
        String id = door.start(request("exchange", 2));
        assertEquals(List.of("1001", "1002", "1003"), ids(notes.get(id).getJsonArray("stock")).stream().sorted().toList());
        door(true);
        door(false);
        assertTrue(notes.isEmpty());
    }

    @Test
    void aStopDuringASessionEndsItAbortedWithTheLockReleased() throws Exception {
        // issue 9, defect 3 (clean stop)
        door.start(request("exchange", 2));
        door(true);
        door.abort("agent_stopped");
        JsonObject s = last("session");
        assertEquals("aborted", s.getString("outcome"));
        assertEquals(List.of("agent_stopped"), s.getJsonArray("violations").getList());
        assertFalse(lockOn());
        assertTrue(notes.isEmpty());
        assertEquals(DoorController.State.IDLE, door.state());
    }

    @Test
    void aSessionTheAgentDiedInEndsAbortedWithTheShelvesCountedAtTheNextStart() throws Exception {
        // issue 9, defect 3 (crash): the note survives, the controller is new
        door.start(request("exchange", 2));
        JsonObject note = notes.values().iterator().next();
        door(true);
        shelf1.remove(TagUid.parse("e004010000000002"));
        shelf2.put(tag("e004010000000009", "9009"));
        events.clear();
        DoorController after = controller(false);
        after.endInterrupted(note);
        JsonObject s = last("session");
        assertEquals(note.getString("session"), s.getString("session"));
        assertEquals("aborted", s.getString("outcome"));
        assertEquals(List.of("1002"), ids(s.getJsonArray("taken")));
        assertEquals(List.of("9009"), ids(s.getJsonArray("left")));
        assertEquals(List.of("agent_stopped"), s.getJsonArray("violations").getList());
        assertTrue(s.getValue("closed_at") == null);
    }
}
