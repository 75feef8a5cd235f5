package org.bookbox.tests.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.tests.ChildJvmSupport;
import org.bookbox.tests.SimBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated box end to end, read by a client that is not the project's: Mosquitto's own
 * {@code mosquitto_sub} against Mosquitto. CI installs both; elsewhere the test needs them.
 */
class MosquittoSubTest {

    @TempDir
    Path dir;

    @Test
    void aReturnAtTheSimulatedBoxReachesMosquittoSub() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_sub")) && TestBroker.available().contains("mosquitto"),
                "needs Debian's mosquitto and mosquitto-clients (.ci/run installs them)");
        try (TestBroker broker = TestBroker.of("mosquitto", dir.resolve("broker"))) {
            Process sub = new ProcessBuilder("/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(broker.url().getPort()),
                    "-q", "1", "-v", "-t", "consortium/demo-consortium/device/sub-box/event/#").redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        lines.add(l);
                    }
                } catch (Exception ignored) {
                    // the process was stopped
                }
            });
            reader.start();
            Thread.sleep(300); // mosquitto_sub subscribes
            AgentConfig config = AgentConfigLoader.load(ChildJvmSupport.repo().resolve("examples/sim/agent.yaml"))
                    .withDataDir(dir.resolve("data")).withApiPort(0).withDeviceId("sub-box")
                    .withBroker(broker.url(), new AgentConfig.Uplink(true, 100, 30, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofDays(30), 1));
            Agent agent = SimBox.agent(config, new SimulatedBoard());
            agent.start();
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.apiPort() + "/sim/units/entrance-return/chute"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"items\": [{\"item\": \"31234000123456\", \"owner\": \"DE-705\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                ChildJvmSupport.await("mosquitto_sub prints the return", 30, () -> lines.stream().anyMatch(l -> l.contains("/event/return ")));
                String line = lines.stream().filter(l -> l.contains("/event/return ")).findFirst().orElseThrow();
                JsonObject event = new JsonObject(line.substring(line.indexOf(' ') + 1));
                assertEquals("bookbox.return", event.getString("type"));
                assertEquals("31234000123456", event.getJsonObject("data").getJsonObject("item").getString("id"));
                assertTrue(lines.stream().anyMatch(l -> l.contains("/event/lifecycle ")), "the boot event too");
            } finally {
                agent.stop();
                sub.destroy();
                sub.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
