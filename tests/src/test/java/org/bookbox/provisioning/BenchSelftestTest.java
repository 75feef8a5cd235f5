package org.bookbox.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.controller.profile.UnitSpec.NestSpec;
import org.bookbox.controller.uplink.BrokerProbe;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.tests.AgentFiles;
import org.bookbox.tests.mqtt.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-test with the agent stopped, on the simulated board: the technician's answers typed in,
 * a code held under the nest's scanner when the tool asks for one, a real broker to connect to.
 */
class BenchSelftestTest {

    @TempDir
    Path dir;

    @Test
    void pulsesWhatTheTechnicianSaysReadsAScanAndReachesTheBroker() throws Exception {
        try (TestBroker broker = TestBroker.of("hivemq", dir.resolve("broker"))) {
            Path data = dir.resolve("data");
            AgentConfig config = AgentConfigLoader.load(AgentFiles.config(dir, "sim-box-1", broker.url().toString(), data, "{ enabled: true }"));
            HardwareProfile profile = ProfileLoader.load(config.profile());
            SimulatedBoard board = new SimulatedBoard();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // pulse the nest's left door (it unlatched), leave every other lock alone
            Console console = new Console(new BufferedReader(new StringReader("y\ny\nn\n")), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
            NestSpec nest = profile.units().stream().filter(u -> u instanceof NestSpec).map(NestSpec.class::cast).findFirst().orElseThrow();
            // the technician holds a code under the nest's scanner once the tool asks for it (a thread of the test's own:
            // the common pool is the agent's)
            CompletableFuture<Void> scanner = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!out.toString(StandardCharsets.UTF_8).contains("scan any code at park-nest's scanner") && System.nanoTime() < until) {
                        Thread.sleep(20);
                    }
                    board.scannerTwin(nest.scanner().address()).present("TEST-SCAN");
                    scanner.complete(null);
                } catch (Exception e) {
                    scanner.completeExceptionally(e);
                }
            });
            Path save = dir.resolve("report.json");
            Exit exit = Selftest.bench(new BenchSelftest(config, profile, board, console, Duration.ofSeconds(2)), save, console);
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(scanner.isDone(), printed);
            assertEquals(Exit.FAULTS, exit, printed);
            assertTrue(printed.contains("lock of door left of park-nest: pulsed, unlatched"), printed);
            assertTrue(printed.contains("lock of door right of park-nest: not pulsed"), printed);
            assertTrue(printed.contains("scanner of park-nest: read a test scan: "), printed);
            assertTrue(printed.contains("broker: ok, " + broker.url()), printed);
            // the lockers' scanners were not scanned at: named as faults; nothing else is
            String verdict = printed.lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(verdict.startsWith("verdict: FAULTS: scanner of pickup: no scan within 2 s; scanner of station-lockers: no scan within 2 s ("), verdict);
            JsonObject report = new JsonObject(Files.readString(save));
            assertEquals("standalone", report.getString("mode"));
            assertTrue(report.getJsonArray("units").size() >= 3, report.encode());
            // the test's sessions went to a scratch journal, not the box's
            assertFalse(Files.exists(data.resolve("journal.db")));
        }
    }

    @Test
    void aBrokerThatIsNotThereIsSaidWithTheReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AgentConfig config = AgentConfigLoader.load(AgentFiles.config(dir, "sim-box-1", "tcp://127.0.0.1:" + port, dir.resolve("data"), "{ enabled: true }"));
        Optional<String> problem = BrokerProbe.connect(config.withBroker(URI.create("tcp://127.0.0.1:" + port), config.uplink()), Duration.ofSeconds(2));
        assertTrue(problem.orElseThrow().contains("Connection refused"), problem.toString());
    }
}
