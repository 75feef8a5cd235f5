package org.bookbox.controller.unit.dropbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bookbox.controller.event.EventJson;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.drivers.part.Threads;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.iso28560.DanishDataModel;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.simulator.rfid.SimulatedTag;
import org.bookbox.simulator.rfid.TagField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chute's state machine driven event by event, without its thread, a broker or a child JVM:
 * the simulated board's eye and the real FEIG driver against its twin, a real journal on disk.
 */
class ChuteCycleTest {

    @TempDir
    Path dir;
    final SimulatedBoard board = new SimulatedBoard();
    DropBoxSpec spec;
    Journal journal;
    EventRecorder recorder;
    ChuteCycle chute;
    TagField field;
    final List<JsonObject> alarms = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        spec = ProfileLoader.load(Path.of("../examples/sim/profile.yaml").toAbsolutePath().normalize()).units().stream()
                .filter(u -> u instanceof DropBoxSpec).map(u -> (DropBoxSpec) u).findFirst().orElseThrow();
        journal = Journal.open(dir, Clock.systemUTC(), () -> true);
        recorder = new EventRecorder(journal, "chute-test");
        field = board.field(spec.chuteAntennas().get(0));
        List<Antenna> antennas = List.of(board.antenna(spec.chuteAntennas().get(0)));
        chute = new ChuteCycle(spec, board.input(spec.chuteEye()), antennas, null, new BinRules(spec, "DE-705"), recorder,
                new Alarms(spec.name(), e -> alarms.add(EventJson.data(e))), Clock.systemUTC(), Duration.ofMillis(40),
                new JsonObject().put("library", "DE-705"), Threads.PLATFORM);
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        journal.close();
        board.close();
    }

    List<RecordedEvent> recorded(int atLeast) throws Exception {
        for (int i = 0; i < 200; i++) {
            List<RecordedEvent> events = journal.readAfter(0, 100);
            if (events.size() >= atLeast) {
                return events;
            }
            Thread.sleep(10);
        }
        return journal.readAfter(0, 100);
    }

    void eye(boolean broken) throws Exception {
        board.drive(spec.chuteEye(), broken);
    }

    @Test
    void aBookThroughTheChuteIsOneReturnWithItsSecuritySet() throws Exception {
        field.put(new SimulatedTag(TagUid.parse("e004010000000101"), DanishDataModel.encode(LibraryItem.circulating("1001", "DE-705")), 0xC2));
        eye(true);
        chute.on(new ChuteCycle.EyeBroken());
        assertInstanceOf(ChuteCycle.Reading.class, phase());
        eye(false);
        chute.on(new ChuteCycle.EyeCleared());
        assertInstanceOf(ChuteCycle.Ready.class, phase());
        RecordedEvent r = recorded(1).get(0);
        assertEquals("return", r.type());
        assertEquals("1001", r.data().getJsonObject("item").getString("id"));
        assertEquals("set", r.data().getString("security"));
        assertEquals(spec.security().afiInLibrary(), field.tags().iterator().next().afi(), "the tag's AFI says: in the library");
        assertEquals(0, journal.notes().pendingReturns(spec.name()).size(), "the note is settled by the event");
    }

    void awaitNoted(int n) throws Exception {
        for (int i = 0; i < 200 && journal.notes().pendingReturns(spec.name()).size() < n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, journal.notes().pendingReturns(spec.name()).size(), "the returns are noted while the books are in the chute");
    }

    @Test
    void securityIsWrittenWhileTheBookIsInTheFieldNotAfterItFell() throws Exception {
        // issue 11: security was written after the eye cleared, when a real book is already in the bin
        SimulatedTag book = new SimulatedTag(TagUid.parse("e004010000000102"), DanishDataModel.encode(LibraryItem.circulating("1002", "DE-705")), 0xC2);
        field.put(book);
        eye(true);
        chute.on(new ChuteCycle.EyeBroken());
        awaitNoted(1);
        chute.on(new ChuteCycle.PollDue()); // the next read: the return is durable, the book still in the field
        assertEquals(spec.security().afiInLibrary(), book.afi(), "secured in the field");
        field.remove(book.uid()); // the book falls past the eye into the bin
        eye(false);
        chute.on(new ChuteCycle.EyeCleared());
        assertEquals("set", recorded(1).get(0).data().getString("security"));
    }

    @Test
    void aWriteThatKeepsFailingIsTriedAgainWithinTheWindowThenReportedFailed() throws Exception {
        SimulatedTag book = new SimulatedTag(TagUid.parse("e004010000000103"), DanishDataModel.encode(LibraryItem.circulating("1003", "DE-705")), 0xC2)
                .refusesWrites(true);
        field.put(book);
        eye(true);
        chute.on(new ChuteCycle.EyeBroken());
        awaitNoted(1);
        chute.on(new ChuteCycle.PollDue());
        chute.on(new ChuteCycle.PollDue());
        field.remove(book.uid());
        eye(false);
        chute.on(new ChuteCycle.EyeCleared());
        assertEquals("failed", recorded(1).get(0).data().getString("security"));
        long writes = board.reader(spec.chuteAntennas().get(0).device()).received().stream().filter(f -> (f[5] & 0xFF) == 0x27).count();
        assertTrue(writes >= 3, "tried at each read while in the field, and once more at the end: " + writes);
    }

    @Test
    void nothingReadIsOneUnidentifiedReturn() throws Exception {
        eye(true);
        chute.on(new ChuteCycle.EyeBroken());
        eye(false);
        chute.on(new ChuteCycle.EyeCleared());
        RecordedEvent r = recorded(1).get(0);
        assertEquals("return.unidentified", r.type());
        assertEquals("no_tag", r.data().getString("reason"));
    }

    @Test
    void anEyeStillBrokenAfterItsWindowBlocksTheChuteUntilItClears() throws Exception {
        eye(true);
        chute.on(new ChuteCycle.EyeBroken());
        Thread.sleep(spec.readWindow().toMillis() + 50);
        chute.on(new ChuteCycle.PollDue());
        assertInstanceOf(ChuteCycle.Blocked.class, phase());
        assertEquals("chute_blocked", alarms.get(alarms.size() - 1).getString("kind"));
        chute.on(new ChuteCycle.EyeBroken());
        assertInstanceOf(ChuteCycle.Blocked.class, phase(), "flicker of a stuck eye is not a new window");
        eye(false);
        chute.on(new ChuteCycle.EyeCleared());
        assertInstanceOf(ChuteCycle.Ready.class, phase());
        assertEquals(false, alarms.get(alarms.size() - 1).getBoolean("active"));
        assertEquals(1, recorded(1).size(), "one record for the whole blocked window");
    }

    ChuteCycle.Phase phase() {
        return chute.phase();
    }
}
