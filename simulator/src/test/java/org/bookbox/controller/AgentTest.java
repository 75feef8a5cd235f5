package org.bookbox.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.lifecycle.ExitCode;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.controller.unit.doors.DoorUnit;
import org.bookbox.drivers.lock.LockFault;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.simulator.SimulatedBoard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's lifecycle on the simulated board with the shipped simulated profile. */
class AgentTest {

    @TempDir
    Path data;
    AgentConfig config;
    HardwareProfile profile;
    SimulatedBoard board;

    /** Every lock output of the simulated profile: door locks and the drop box's flap. */
    static final List<String> LOCKS = List.of("gpio:16", "gpio:17", "gpio:18", "gpio:12", "gpio:19", "gpio:21");

    @BeforeEach
    void setUp() throws Exception {
        config = AgentConfigLoader.load(Path.of("../examples/sim/agent.yaml")).withDataDir(data).withApiPort(0);
        profile = ProfileLoader.load(config.profile());
        board = new SimulatedBoard();
    }

    private boolean energised(String address) throws Exception {
        return board.output(PartAddress.parse(address)).isOn();
    }

    private List<RecordedEvent> journal() throws Exception {
        try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
            return j.readAfter(0, 1000);
        }
    }

    @Test
    void locksLeftEnergisedByADeadProcessAreReleasedAtStart() throws Exception {
        for (String lock : LOCKS) {
            board.leaveEnergised(PartAddress.parse(lock));
        }
        Agent agent = new Agent(config, profile, board, Clock.systemUTC(), () -> true);
        agent.start();
        try {
            for (String lock : LOCKS.subList(1, LOCKS.size())) {
                assertFalse(energised(lock), lock + " must be released");
            }
            assertTrue(energised("gpio:16"), "the drop box opens its flap once it is ready (no bin full)");
        } finally {
            agent.stop();
        }
    }

    @Test
    void bootAndShutdownAreJournaledAndAStopReleasesEveryLock() throws Exception {
        Agent agent = new Agent(config, profile, board, Clock.systemUTC(), () -> true);
        agent.start();
        JsonObject status = agent.status();
        assertEquals(true, status.getBoolean("online"));
        assertEquals(4, status.getJsonArray("units").size());
        agent.stop();
        assertFalse(energised("gpio:16"), "the flap is locked after a stop");
        List<RecordedEvent> events = journal();
        assertEquals("boot", events.get(0).data().getString("phase"));
        assertEquals("lifecycle", events.get(events.size() - 1).type());
        assertEquals("shutdown", events.get(events.size() - 1).data().getString("phase"));
    }

    @Test
    void anUncaughtExceptionReleasesEveryLockAndStopsTheAgent() throws Exception {
        Agent agent = new Agent(config, profile, board, Clock.systemUTC(), () -> true);
        CompletableFuture<Throwable> fatal = new CompletableFuture<>();
        agent.onFatal(fatal::complete);
        agent.start();
        assertTrue(energised("gpio:16"));
        IllegalStateException boom = new IllegalStateException("a bug in a unit");
        agent.vertx().getOrCreateContext().runOnContext(v -> {
            throw boom;
        });
        assertSame(boom, fatal.get(10, TimeUnit.SECONDS));
        for (String lock : LOCKS) {
            assertFalse(energised(lock), lock + " must be released");
        }
    }

    @Test
    void aJournalThatIsNotSqliteStopsTheStartButLocksAreReleasedFirst() throws Exception {
        board.leaveEnergised(PartAddress.parse("gpio:17"));
        Files.writeString(data.resolve(Journal.FILE_NAME), "not a database");
        Agent agent = new Agent(config, profile, board, Clock.systemUTC(), () -> true);
        AgentStartException e = assertThrows(AgentStartException.class, agent::start);
        assertEquals(ExitCode.IO_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("is not a SQLite database"), e.getMessage());
        assertFalse(energised("gpio:17"));
        assertEquals("not a database", Files.readString(data.resolve(Journal.FILE_NAME)));
    }

    @Test
    void aFullBinClosesTheFlapAndRaisesBinFullUntilEmptied() throws Exception {
        Agent agent = new Agent(config, profile, board, Clock.systemUTC(), () -> true);
        agent.start();
        try {
            board.drive(PartAddress.parse("gpio:25"), true);
            Await.until(() -> !energised("gpio:16"));
            Await.until(() -> agent.status().getJsonArray("units").getJsonObject(0).getJsonArray("alarms").contains("bin_full"));
            board.drive(PartAddress.parse("gpio:25"), false);
            Await.until(() -> energised("gpio:16"));
        } finally {
            agent.stop();
        }
        List<JsonObject> alarms = journal().stream().filter(e -> e.type().equals("alarm")).map(RecordedEvent::data).toList();
        assertEquals(List.of("bin_full true", "bin_full false"), alarms.stream().map(a -> a.getString("kind") + " " + a.getBoolean("active")).toList());
        assertEquals("bin_full", alarms.get(0).getString("kind"));
        assertEquals("entrance-return", alarms.get(0).getString("unit"));
    }

    @Test
    void aUnitThatFailsIsMadeSafeAndRestartedWhileTheOthersServe() throws Exception {
        // issue 9, defect 1: any uncaught failure used to stop the whole agent
        Agent agent = new Agent(config, profile, board, Clock.systemUTC(), () -> true);
        AtomicBoolean fatal = new AtomicBoolean();
        agent.onFatal(t -> fatal.set(true));
        agent.start();
        try {
            DoorUnit nest = (DoorUnit) agent.units().stream().filter(u -> u.name().equals("park-nest")).findFirst().orElseThrow();
            agent.onUnitLoop("park-nest", () -> {
                try {
                    nest.doors().get(0).door().lock().energise(); // a door mid-unlock
                } catch (LockFault e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("a bug in the nest");
            });
            Await.until(() -> journal().stream().anyMatch(e -> e.type().equals("alarm") && e.data().getString("kind").equals("unit_fault")
                    && !e.data().getBoolean("active")));
            assertFalse(energised("gpio:17"), "the failed unit's door is locked");
            assertFalse(fatal.get(), "the agent goes on");
            JsonObject raised = journal().stream().filter(e -> e.type().equals("alarm") && e.data().getString("kind").equals("unit_fault"))
                    .findFirst().orElseThrow().data();
            assertEquals("park-nest", raised.getString("unit"));
            assertTrue(raised.getString("detail").contains("a bug in the nest"), raised.encode());
            assertTrue(energised("gpio:16"), "the drop box's flap is still open: that unit is untouched");
            assertEquals(4, agent.status().getJsonArray("units").size());
        } finally {
            agent.stop();
        }
    }

    @Test
    void aUnitThatFailsThreeTimesInAMinuteStaysOutOfServiceWithItsDoorsLocked() throws Exception {
        Agent agent = new Agent(config, profile, board, Clock.systemUTC(), () -> true);
        agent.start();
        try {
            for (int i = 0; i < 3; i++) {
                agent.onUnitLoop("park-nest", () -> {
                    throw new IllegalStateException("the same bug again");
                });
            }
            Await.until(() -> journal().stream().filter(e -> e.type().equals("alarm") && e.data().getString("kind").equals("unit_fault")).count() == 5);
            Thread.sleep(200); // no clear follows the third fault
            List<JsonObject> faults = journal().stream().filter(e -> e.type().equals("alarm") && e.data().getString("kind").equals("unit_fault"))
                    .map(RecordedEvent::data).toList();
            assertEquals(5, faults.size(), "raised and cleared twice, then raised and left active");
            assertTrue(faults.get(4).getBoolean("active"));
            board.scannerTwin(PartAddress.parse("serial:/dev/qr0")).present("anything");
            Await.until(() -> journal().stream().anyMatch(e -> e.type().equals("scan.rejected")));
            assertEquals("busy", journal().stream().filter(e -> e.type().equals("scan.rejected")).findFirst().orElseThrow().data().getString("reason"));
            assertFalse(energised("gpio:17"));
        } finally {
            agent.stop();
        }
    }
}
