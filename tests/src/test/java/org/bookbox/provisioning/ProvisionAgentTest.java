package org.bookbox.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.bookbox.controller.Agent;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.token.TokenState;
import org.bookbox.tests.AgentFiles;
import org.bookbox.tests.SimBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The technician's {@code status} and {@code selftest}, asking a running (simulated) box through its local API. */
class ProvisionAgentTest {

    @TempDir
    Path dir;
    Agent agent;
    Path config;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        agent = SimBox.start(dir.resolve("data"));
        // the tool finds the agent where its configuration says it listens
        config = AgentFiles.config(dir, "sim-box-1", "tcp://127.0.0.1:1883", dir.resolve("data"), "{ enabled: false }");
        Files.writeString(config, Files.readString(config).replace("api: { port: 0 }", "api: { port: " + agent.apiPort() + " }"));
    }

    @AfterEach
    void stop() {
        agent.stop();
    }

    int tool(String... args) {
        out.reset();
        err.reset();
        return ProvisionTool.run(args, new Console(new BufferedReader(new StringReader("")), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusSaysWhatTheBoxIsDoingInPlainLines() {
        assertEquals(0, tool("status", "--config", config.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().contains("unit park-nest (nest)"), out());
        assertTrue(out().contains("door left   shut, locked, session idle"), out());
        assertTrue(out().lines().reduce((a, b) -> b).orElseThrow().startsWith("verdict: serving"), out());
    }

    @Test
    void selftestPrintsAndSavesTheReportAndNamesAFault() throws Exception {
        Path report = dir.resolve("report.json");
        assertEquals(0, tool("selftest", "--config", config.toString(), "--save", report.toString()), out());
        assertTrue(out().contains("verdict: every part answered"), out());
        assertTrue(new JsonObject(Files.readString(report)).getJsonArray("units").size() >= 3);
        // a shelf reader that stops answering is a fault, by name
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.apiPort()
                + "/sim/units/park-nest/antennas/left-1/offline")).PUT(HttpRequest.BodyPublishers.ofString("{\"offline\": true}")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(1, tool("selftest", "--config", config.toString(), "--save", report.toString()), out());
        assertTrue(out().contains("verdict: FAULTS: park-nest/doors[0]/antennas[0] antenna /dev/rfid0#2:"), out());
    }

    @Test
    void nothingIsProvisionedOrResetUnderARunningAgentAndSeqGoesOnAfterIt() throws Exception {
        assertEquals(75, tool("reset", "--config", config.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the agent is running: stop it first"), err.toString(StandardCharsets.UTF_8));
        String[] init = {"init", "--device", "sim-box-1", "--consortium", "demo-consortium", "--isil", "DE-705", "--broker", "tcp://127.0.0.1:1883",
            "--trusted-keys", AgentFiles.shipped("examples/keys/trusted-keys.json").toString(),
            "--profile", AgentFiles.shipped("examples/sim/profile.yaml").toString(), "--config", config.toString(),
            "--data", dir.resolve("data").toString(), "--user", System.getProperty("user.name")};
        assertEquals(75, tool(init));
        assertTrue(Files.readString(config).contains("port: " + agent.apiPort()), "the running agent's configuration is untouched");
        agent.stop();
        long shutdown = lastSeq();
        assertEquals(0, tool(init), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().contains("recorded as event seq " + (shutdown + 1)), out());
        // the agent, started again on that journal, goes on after it
        agent = SimBox.start(dir.resolve("data"));
        agent.stop();
        assertTrue(lastSeq() >= shutdown + 3, "boot and shutdown after the provisioned event");
    }

    long lastSeq() throws Exception {
        try (TokenState tokens = TokenState.open(dir.resolve("data"));
             Journal j = Journal.open(dir.resolve("data"), Clock.systemUTC(), () -> true, tokens.seqMark())) {
            return j.lastSeq();
        }
    }

    @Test
    void aBoxThatDoesNotAnswerIsSaidPlainly() {
        agent.stop();
        assertEquals(69, tool("status", "--config", config.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the agent does not answer at http://127.0.0.1:"), err.toString(StandardCharsets.UTF_8));
    }
}
