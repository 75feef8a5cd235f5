package org.bookbox.provisioning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.profile.UnitSpec.DoorSpec;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.uplink.BrokerProbe;
import org.bookbox.drivers.board.Board;

/**
 * The self-test with the agent stopped: the box's own parts driven by the agent's code, in this
 * process, on a scratch journal (the test's sessions are not the library's transactions), with the
 * technician at the cabinet. Each lock is pulsed once, only when the technician says so, and they
 * say whether the door unlatched; every reader, scanner and contact is asked; a test scan is waited
 * for at each scanner; the broker is connected to as the uplink would (network, CA, client
 * certificate). One report, saved as JSON, and one verdict line.
 */
final class BenchSelftest {

    private final AgentConfig config;
    private final HardwareProfile profile;
    private final Board board;
    private final Console console;
    private final Duration scanWait;

    BenchSelftest(AgentConfig config, HardwareProfile profile, Board board, Console console, Duration scanWait) {
        this.config = config;
        this.profile = profile;
        this.board = board;
        this.console = console;
        this.scanWait = scanWait;
    }

    /** Runs the test and returns the report; its parts that failed carry {@code ok: false}. */
    JsonObject run() throws IOException {
        Path scratch = Files.createTempDirectory("bookbox-selftest");
        AgentConfig bench = config.withDataDir(scratch).withApiPort(0).withoutUplink();
        Agent agent = new Agent(bench, profile, board, console.clock(), () -> false);
        JsonObject report = new JsonObject().put("device", config.deviceId()).put("mode", "standalone")
                .put("time", console.clock().instant().toString());
        try {
            agent.start();
            report.put("units", agent.port().selftest(null).get(40, TimeUnit.SECONDS).getJsonArray("units"));
            report.put("locks", locks(agent));
            report.put("scans", scans(agent));
        } catch (AgentStartException e) {
            report.put("box", fault("the box's parts cannot be opened: " + e.getMessage()));
        } catch (ExecutionException | TimeoutException e) {
            report.put("box", fault("the parts did not all answer within 40 s: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.put("box", fault("interrupted"));
        } finally {
            agent.stop();
            deleteAll(scratch);
        }
        console.out().println("connecting to " + config.brokerUrl() + " as the uplink would ...");
        report.put("broker", BrokerProbe.connect(config, Duration.ofSeconds(10))
                .map(BenchSelftest::fault)
                .orElse(new JsonObject().put("ok", true).put("url", config.brokerUrl().toString())
                        .put("tls", config.tlsFiles().isPresent() ? "the broker's certificate verified, the box's accepted" : "none (tcp://)")));
        return report;
    }

    /** Each door's lock pulsed once, when the technician says so; the drop box's flap is left alone (it is not a door). */
    private JsonArray locks(Agent agent) throws IOException, InterruptedException {
        JsonArray results = new JsonArray();
        for (UnitSpec u : profile.units()) {
            if (u instanceof DropBoxSpec) {
                continue;
            }
            for (DoorSpec d : u.doors()) {
                String where = "door " + d.name() + " of " + u.name();
                if (!yes(where + ": pulse its lock now? [y/N]")) {
                    results.add(new JsonObject().put("unit", u.name()).put("door", d.name()).put("pulsed", false));
                    continue;
                }
                JsonObject r = new JsonObject().put("unit", u.name()).put("door", d.name()).put("pulsed", true);
                try {
                    agent.port().unlock(u.name(), d.name(), "service", new JsonObject().put("role", "technician").put("sub", "selftest"),
                            Duration.ofSeconds(2)).get(15, TimeUnit.SECONDS);
                    boolean seen = yes(where + ": did it unlatch (the door sprang open, or the handle turns)? [y/N]");
                    r.put("ok", seen).put("technician", seen ? "unlatched" : "did NOT unlatch");
                    if (!seen) {
                        r.put("error", "the lock was energised but the technician saw the door stay latched");
                    }
                    awaitIdle(agent, u.name(), d.name());
                } catch (ExecutionException e) {
                    r.put("ok", false).put("error", e.getCause() instanceof Refused f ? f.reason() + ": " + f.getMessage() : e.getCause().toString());
                } catch (TimeoutException e) {
                    r.put("ok", false).put("error", "the lock did not answer within 15 s");
                }
                results.add(r);
            }
        }
        return results;
    }

    /** The door's session over (opened and shut, or not opened in time), so the next pulse is a new one. */
    private void awaitIdle(Agent agent, String unit, String door) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            boolean idle = agent.status().getJsonArray("units").stream().map(JsonObject.class::cast).filter(u -> unit.equals(u.getString("unit")))
                    .flatMap(u -> u.getJsonArray("doors", new JsonArray()).stream().map(JsonObject.class::cast))
                    .filter(d -> door.equals(d.getString("door"))).allMatch(d -> "idle".equals(d.getString("session")) && !d.getBoolean("open", false));
            if (idle) {
                return;
            }
            console.out().println("  (waiting for " + door + " of " + unit + " to be shut)");
            Thread.sleep(1000);
        }
    }

    /** At each unit with a scanner, any code scanned within the wait (it is refused, which is what shows it was read). */
    private JsonArray scans(Agent agent) throws InterruptedException {
        JsonArray results = new JsonArray();
        for (UnitSpec u : profile.units()) {
            if (u instanceof DropBoxSpec) {
                continue;
            }
            long after = lastSeq(agent);
            console.out().printf("scan any code at %s's scanner (waiting %d s) ...%n", u.name(), scanWait.toSeconds());
            Instant until = Instant.now().plus(scanWait);
            JsonObject r = new JsonObject().put("unit", u.name()).put("ok", false).put("error", "no scan within " + scanWait.toSeconds() + " s");
            while (Instant.now().isBefore(until)) {
                JsonObject seen = scanned(agent, u.name(), after);
                if (seen != null) {
                    r = new JsonObject().put("unit", u.name()).put("ok", true).put("read", seen.getString("type")
                            + (seen.getJsonObject("data").containsKey("reason") ? " (" + seen.getJsonObject("data").getString("reason") + ")" : ""));
                    break;
                }
                Thread.sleep(100);
            }
            results.add(r);
        }
        return results;
    }

    private static long lastSeq(Agent agent) {
        try {
            return agent.journal().lastSeq();
        } catch (JournalException e) {
            return 0;
        }
    }

    private static JsonObject scanned(Agent agent, String unit, long afterSeq) {
        try {
            for (Object o : agent.port().events(afterSeq, 100)) {
                JsonObject e = (JsonObject) o;
                boolean scan = e.getString("type", "").endsWith("scan.rejected") || e.getString("type", "").endsWith("session");
                if (scan && unit.equals(e.getJsonObject("data", new JsonObject()).getString("unit"))) {
                    return e;
                }
            }
        } catch (Refused e) {
            // the scratch journal cannot be read: no scan seen
        }
        return null;
    }

    private boolean yes(String question) throws IOException {
        console.out().println(question);
        String answer = console.readLine(16);
        return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
    }

    private static JsonObject fault(String error) {
        return new JsonObject().put("ok", false).put("error", error);
    }

    private static void deleteAll(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch directory in /tmp: left to the system's cleaning
        }
    }
}
