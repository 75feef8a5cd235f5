package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.simulator.SimulatorMain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinylog.Logger;

/** The agent as systemd runs it: a process, its exit code and what it says on stderr. */
class AgentProcessTest {

    @TempDir
    Path dir;
    Path data;
    Path config;

    record Run(int exit, List<String> stderr) {
    }

    @BeforeEach
    void writeConfig() throws Exception {
        data = dir.resolve("data");
        config = dir.resolve("agent.yaml");
        writeConfig(data, ChildJvm.repo().resolve("examples/sim/profile.yaml"));
    }

    private void writeConfig(Path dataDir, Path profile) throws Exception {
        Files.writeString(config, """
                device_id: proc-test
                consortium_id: demo-consortium
                library_isil: DE-705
                broker_url: tcp://127.0.0.1:1883
                data_dir: %s
                trusted_keys: %s
                profile: %s
                api: { port: 0 }
                """.formatted(dataDir, ChildJvm.repo().resolve("examples/keys/trusted-keys.json"), profile));
    }

    private Run run(String... args) throws Exception {
        Process p = ChildJvm.builder(SimulatorMain.class, args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> err;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            err = r.lines().filter(l -> !l.startsWith("WARNING:") && !l.isBlank()).toList();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), err);
    }

    @Test
    void aMissingConfigurationIsOneLineAndExit78() throws Exception {
        Run r = run("--simulate", "--config", dir.resolve("nope.yaml").toString());
        assertEquals(78, r.exit());
        assertEquals(List.of("bookbox: " + dir.resolve("nope.yaml") + ": agent configuration not found"), r.stderr());
    }

    @Test
    void aCorruptProfileNamesFileAndLine() throws Exception {
        Path profile = dir.resolve("profile.yaml");
        Files.writeString(profile, "units:\n  - name: x\n    kind: nest\n    doors: [\n");
        writeConfig(data, profile);
        Run r = run("--simulate", "--config", config.toString());
        assertEquals(78, r.exit());
        assertEquals(1, r.stderr().size(), r.stderr().toString());
        assertTrue(r.stderr().get(0).startsWith("bookbox: " + profile + ":5: hardware profile is not valid YAML"), r.stderr().get(0));
        assertFalse(Files.exists(data), "nothing is created for a box that will not start");
    }

    @Test
    void anUnwritableDataDirectoryIsOneLineAndExit73() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        writeConfig(file.resolve("data"), ChildJvm.repo().resolve("examples/sim/profile.yaml"));
        Run r = run("--simulate", "--config", config.toString());
        assertEquals(73, r.exit(), r.stderr().toString());
        assertEquals(1, r.stderr().size(), r.stderr().toString());
        assertTrue(r.stderr().get(0).startsWith("bookbox: cannot create data directory " + file.resolve("data")), r.stderr().get(0));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aJournalThatIsNotSqliteIsLeftAloneWithExit74() throws Exception {
        Files.createDirectories(data);
        byte[] foreign = "PK\u0003\u0004 a zip file copied here by mistake".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(data.resolve(Journal.FILE_NAME), foreign);
        Run r = run("--simulate", "--config", config.toString());
        assertEquals(74, r.exit());
        assertEquals(List.of("bookbox: journal " + data.resolve(Journal.FILE_NAME)
                + " is not a SQLite database; it was left untouched (move it away to start a new journal)"), r.stderr());
        assertArrayEquals(foreign, Files.readAllBytes(data.resolve(Journal.FILE_NAME)));
    }

    @Test
    void theSimulatedBoxAnswersStatusAndStopsCleanlyOnSigterm() throws Exception {
        Process p = ChildJvm.builder(SimulatorMain.class, "--simulate", "--config", config.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Instant jvmStart = p.info().startInstant().orElse(Instant.now());
        int port;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Pattern up = Pattern.compile("local API on 127\\.0\\.0\\.1:(\\d+)");
            String line;
            Matcher m = null;
            while ((line = out.readLine()) != null && !(m = up.matcher(line)).find()) {
                // skip start-up lines until the agent says where it listens
            }
            assertTrue(m != null && m.find(0), "agent never said it was up");
            port = Integer.parseInt(m.group(1));
            HttpResponse<String> status = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).build(), HttpResponse.BodyHandlers.ofString());
            Duration toStatus = Duration.between(jvmStart, Instant.now());
            Logger.info("status answered {} ms after the JVM started", toStatus.toMillis());
            assertEquals(200, status.statusCode());
            JsonObject doc = new JsonObject(status.body());
            assertEquals(true, doc.getBoolean("online"));
            assertEquals(4, doc.getJsonArray("units").size());
            p.destroy(); // SIGTERM, as systemd stops the service
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(143, p.exitValue(), "the JVM's answer to SIGTERM after its shutdown hook ran");
        try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
            List<RecordedEvent> events = j.readAfter(0, 100);
            assertEquals("boot", events.get(0).data().getString("phase"));
            assertEquals("shutdown", events.get(events.size() - 1).data().getString("phase"));
        }
    }
}
