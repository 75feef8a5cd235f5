package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dev simulate} on a machine with no broker: the simulator starts its own on the configured
 * loopback port, and an independent client (Mosquitto's {@code mosquitto_sub}) sees the simulated
 * box's retained status and its events at once.
 */
class SimulateWithoutBrokerTest {

    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void mosquittoSubSeesTheSimulatedBoxThroughTheSimulatorsBroker() throws Exception {
        int port = freePort(); // nothing listens there: the simulator must bring its own broker
        Path config = AgentFiles.config(dir, "sim-nobroker", "tcp://127.0.0.1:" + port, dir.resolve("data"),
                "{ reconnect_min_ms: 50, reconnect_max_ms: 500 }");
        ChildJvmStarter.Agent agent = ChildJvmStarter.agent("--config", config.toString());
        try {
            Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(port), "-v",
                    "-t", "consortium/demo-consortium/device/sim-nobroker/#", "-C", "2", "-W", "30").redirectErrorStream(true).start();
            // once subscribed (the retained status is its first line), the box records an event: it goes out at once
            Thread.sleep(1000);
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/units/park-nest/inventory"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertTrue(sub.waitFor(40, TimeUnit.SECONDS), "mosquitto_sub did not end");
            List<String> lines = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("consortium/demo-consortium/device/sim-nobroker/status ") && l.contains("\"online\"")),
                    "the retained status: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("consortium/demo-consortium/device/sim-nobroker/event/")),
                    "an event: " + lines);
        } finally {
            agent.process().destroy();
            agent.process().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
