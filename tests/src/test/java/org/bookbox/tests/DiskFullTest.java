package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The box on a 2 MiB data partition (issue 9, defect 11): books are pushed into the drop box until it
 * closes its flap. Every book that went in is recorded; once the partition is nearly full the flap is
 * closed, scans are refused with a reason, and {@code storage_full} says so. Other files take 1.6 MiB of
 * the partition from the start, so that it fills within seconds. The partition is a real
 * tmpfs of 2 MiB, mounted in a user and mount namespace of the agent's own ({@code unshare -rm}), so
 * the test needs no privileges.
 */
class DiskFullTest {

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();
    int port;
    final List<JsonObject> seen = new ArrayList<>();
    long lastSeq;

    static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The events of a type recorded so far. The journal is read from where the last call stopped: the
     * test polls every few milliseconds, and reading thousands of events each time would load the box
     * it is watching (on a 2-core machine, enough to starve the scan it waits for).
     */
    List<JsonObject> events(String type) throws Exception {
        while (true) {
            JsonArray page = new JsonArray(call("GET", "/events?after=" + lastSeq + "&limit=1000", null).body());
            for (Object o : page) {
                JsonObject e = (JsonObject) o;
                lastSeq = e.getLong("seq");
                seen.add(e);
            }
            if (page.size() < 1000) {
                return seen.stream().filter(e -> e.getString("type").equals("bookbox." + type)).map(e -> e.getJsonObject("data")).toList();
            }
        }
    }

    @Test
    void aFullPartitionClosesTheFlapRefusesScansAndLosesNoBookThatWentIn() throws Exception {
        assumeTrue(unshareWorks(), "this machine allows no user namespaces (unshare -rm): no private tmpfs to fill");
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path config = AgentFiles.config(dir, "full-box", "tcp://127.0.0.1:1883", data, "{ enabled: false }");
        ChildJvmStarter.Agent started = ChildJvmStarter.agent(List.of("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=2m tmpfs \"$0\" && head -c 1600K /dev/zero > \"$0/other-files\" && exec \"$@\"", data.toString()),
                "--simulate", "--config", config.toString());
        Process agent = started.process();
        port = started.port();
        try {
            Set<String> pushed = new HashSet<>();
            int refusedAt = -1;
            for (int stack = 0; stack < 400 && refusedAt < 0; stack++) {
                StringBuilder items = new StringBuilder();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String id = "F" + (stack * 10 + i);
                    ids.add(id);
                    items.append(i == 0 ? "" : ",").append("{\"item\": \"").append(id).append("\", \"owner\": \"DE-705\"}");
                }
                // a stack of ten takes a moment to slide past the antenna: its tags leave the field as it clears the eye,
                // and ten tags are ten reads (a 40 ms stack was read only because the old simulator kept tags in the field)
                HttpResponse<String> r = call("POST", "/sim/units/entrance-return/chute", "{\"items\": [" + items + "], \"dwell_ms\": 250}");
                if (r.statusCode() == 409) {
                    refusedAt = stack;
                } else {
                    assertEquals(202, r.statusCode(), r.body());
                    pushed.addAll(ids);
                    // the next stack once this one has dropped out of the antenna's field
                    Await.until(() -> new JsonObject(call("GET", "/sim/units/entrance-return/antennas/chute-1", null).body()).getJsonArray("tags").isEmpty());
                }
            }
            assertTrue(refusedAt > 0, "the flap closed before the partition ran out (after " + pushed.size() + " books)");
            Await.until(() -> events("alarm").stream().anyMatch(a -> a.getString("kind").equals("storage_full") && a.getBoolean("active")));
            // every book that went in is recorded, exactly once
            Await.until(() -> events("return").size() >= pushed.size());
            List<String> returned = events("return").stream().map(e -> e.getJsonObject("item").getString("id")).toList();
            assertEquals(pushed, new HashSet<>(returned), "every book that went through the flap");
            assertEquals(returned.size(), new HashSet<>(returned).size(), "none twice");
            assertTrue(events("return").stream().allMatch(e -> e.getString("security").equals("set")));
            // a reader's code is refused with a reason, and no door opens
            call("POST", "/sim/units/park-nest/scan", SimBox.token("full-1", "patron", "exchange", new JsonObject()));
            Await.until(() -> events("scan.rejected").stream().anyMatch(e -> "full-1".equals(e.getString("jti")) || e.getString("reason").equals("busy")));
            JsonObject nest = new JsonObject(call("GET", "/sim", null).body()).getJsonArray("units").getJsonObject(1);
            assertTrue(nest.getJsonArray("locks").stream().map(JsonObject.class::cast).noneMatch(l -> l.getBoolean("energised")), nest.encode());
            assertEquals(200, call("GET", "/status", null).statusCode(), "still serving");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + started.logTail(40), e);
        } finally {
            agent.destroy();
            agent.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
