package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent under systemd's eyes, against a notify socket of the test's own (socat on a unix datagram
 * socket): READY=1 once it serves, WATCHDOG=1 at half the interval while every part answers, none
 * while a unit's loop is held up, again once it answers, and STOPPING=1 on the way out.
 */
class SystemdNotifyTest {

    @TempDir
    Path dir;

    @Test
    void readyThenTheWatchdogFedOnlyWhileEveryLoopAnswers() throws Exception {
        Path socket = dir.resolve("notify");
        Process socat = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + socket, "STDOUT").start();
        List<String> said = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(socat.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    said.add(line);
                }
            } catch (Exception e) {
                // socat ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        Await.until(() -> Files.exists(socket));
        Path config = AgentFiles.config(dir, "box-notify", "tcp://127.0.0.1:1", dir.resolve("data"), "{ enabled: false }");
        ChildJvmStarter.Agent agent = ChildJvmStarter.agent(List.of(),
                Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "1000000"), "--config", config.toString());
        try {
            Await.until(() -> said.contains("READY=1"));
            Await.until(() -> said.stream().filter("WATCHDOG=1"::equals).count() >= 3);
            // the unit's loop is held up; the other units and the local API go on (each on an event loop of its own)
            CompletableFuture<HttpResponse<String>> held = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.port() + "/sim/units/park-nest/hold-up"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ms\": 6000}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, held.get(5, TimeUnit.SECONDS).statusCode());
            // the rest of the box goes on serving: the status answers at once
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.port() + "/status")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode());
            Thread.sleep(1500); // the hold-up begins, and a feeding already under way may still arrive
            long fedBefore = said.stream().filter("WATCHDOG=1"::equals).count();
            Thread.sleep(2500);
            assertEquals(fedBefore, said.stream().filter("WATCHDOG=1"::equals).count(), "not fed while a unit's loop is held up");
            long fedWhileStuck = fedBefore;
            Await.until(() -> said.stream().filter("WATCHDOG=1"::equals).count() > fedWhileStuck + 1); // fed again once it answers
        } finally {
            agent.process().destroy();
            assertTrue(agent.process().waitFor(30, TimeUnit.SECONDS));
            Await.until(() -> said.contains("STOPPING=1"));
            socat.destroy();
        }
    }
}
