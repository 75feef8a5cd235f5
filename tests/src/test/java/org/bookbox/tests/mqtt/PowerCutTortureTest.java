package org.bookbox.tests.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.provisioning.TokenSigner;
import org.bookbox.tests.AgentFiles;
import org.bookbox.tests.ChildJvmStarter;
import org.bookbox.tests.ChildJvmSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinylog.Logger;

/**
 * Power cuts, as many as asked: a child JVM runs a mixed load (chute returns, nest sessions, locker
 * loads and pickups, commands, inventories) against a broker while this test SIGKILLs it at random moments and starts it
 * again. Afterwards the journal and an independent subscriber must agree: {@code seq} gap-free from
 * 1, no seq under two ids and no id under two seqs, every journaled event received, every book
 * pushed well before a cut returned exactly once, every session that was opened ended, and no lock
 * energised after any start. {@code -Dbookbox.torture.kills=N} (default 50; {@code ./dev torture N}).
 */
class PowerCutTortureTest {

    static final int KILLS = Integer.getInteger("bookbox.torture.kills", 50);
    /** A book pushed this long before a cut has been read: it must be recorded (now, or at the next start). */
    static final Duration READ_BY = Duration.ofMillis(900);

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final Random random = new Random(Long.getLong("bookbox.torture.seed", System.nanoTime()));
    final Map<String, Instant> pushed = new HashMap<>();
    final Set<String> sessionsStarted = new HashSet<>();
    int port;
    int items;
    int locksOnAfterStart;

    record Cut(int kill, Duration after) {
    }

    @Test
    void powerCutsLoseNothingAndMintNoSecondId() throws Exception {
        List<String> kinds = TestBroker.available();
        try (TestBroker broker = TestBroker.of(kinds.get(kinds.size() - 1), dir.resolve("broker"));
             Subscriber backend = new Subscriber(broker, "consortium/demo-consortium/device/torture-box/#")) {
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            Path config = AgentFiles.config(dir, "torture-box", broker.url().toString(), data,
                    "{ max_inflight: 50, reconnect_min_ms: 50, reconnect_max_ms: 300, keepalive_s: 5 }");
            TokenSigner signer = TokenSigner.fromJwk(ChildJvmSupport.repo().resolve("examples/keys/demo-signer.jwk"));
            long seed = random.nextLong();
            Logger.info("torture: {} kills, seed {}", KILLS, seed);
            random.setSeed(seed);

            for (int kill = 0; kill < KILLS; kill++) {
                Process agent = start(config);
                checkNoLockOn();
                long until = System.nanoTime() + Duration.ofMillis(150 + random.nextInt(1200)).toNanos();
                try {
                    while (System.nanoTime() < until) {
                        load(signer, backend, kill);
                    }
                } catch (IOException | RuntimeException e) {
                    // a request cut short by nothing but this test's own timing: the load goes on after the restart
                }
                Instant cut = Instant.now();
                agent.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, as a power cut
                assertTrue(agent.waitFor(30, TimeUnit.SECONDS));
                pushed.replaceAll((id, at) -> at.isAfter(cut.minus(READ_BY)) ? Instant.MAX : at); // too close to the cut to count
            }

            // the last start: what the cuts left behind is settled and everything reaches the backend; the box is
            // then idle (no event for two seconds) and is cut one last time, so that nothing is journaled unsent
            Process last = start(config);
            checkNoLockOn();
            long[] settled = {-1, 0};
            ChildJvmSupport.await("every journaled event delivered, and the box idle", 120, () -> {
                long lastSeq = lastSeq(data);
                boolean delivered = lastSeq > 0 && AgentKillTest.bySeq(backend.events()).size() >= lastSeq;
                if (!delivered || lastSeq != settled[0]) {
                    settled[0] = delivered ? lastSeq : -1;
                    settled[1] = System.nanoTime();
                    return false;
                }
                return System.nanoTime() - settled[1] > Duration.ofSeconds(2).toNanos();
            });
            last.destroyForcibly();
            assertTrue(last.waitFor(30, TimeUnit.SECONDS));

            List<RecordedEvent> journal;
            try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
                journal = j.readAfter(0, Integer.MAX_VALUE);
            }
            // seq gap-free from 1, every event received with the id it was journaled under
            Map<Long, String> received = AgentKillTest.bySeq(backend.events()); // fails on one seq under two ids
            Map<String, Long> seqOfId = new HashMap<>();
            for (int i = 0; i < journal.size(); i++) {
                RecordedEvent e = journal.get(i);
                assertEquals(i + 1, e.seq(), "seq gap-free from 1");
                assertEquals(e.id(), received.get(e.seq()), "seq " + e.seq() + " received with its journal id");
                assertEquals(null, seqOfId.put(e.id(), e.seq()), "id " + e.id() + " under one seq only");
            }
            backend.events().forEach(e -> assertEquals(seqOfId.get(e.getString("id")), e.getLong("seq"), "received id under its own seq"));
            // every book pushed well before a cut returned exactly once; none twice
            Map<String, Integer> returns = new HashMap<>();
            journal.stream().filter(e -> e.type().equals("return"))
                    .forEach(e -> returns.merge(e.data().getJsonObject("item").getString("id"), 1, Integer::sum));
            returns.forEach((id, n) -> assertEquals(1, n, "book " + id + " returned " + n + " times"));
            long mustHave = pushed.entrySet().stream().filter(e -> !e.getValue().equals(Instant.MAX)).count();
            pushed.forEach((id, at) -> {
                if (!at.equals(Instant.MAX)) {
                    assertTrue(returns.containsKey(id), "book " + id + " went in well before a cut and was never recorded");
                }
            });
            // every session that was opened ended; nothing left noted
            Set<String> ended = new HashSet<>();
            journal.stream().filter(e -> e.type().equals("session")).forEach(e -> ended.add(e.data().getJsonObject("actor").getString("jti")));
            sessionsStarted.forEach(jti -> assertTrue(ended.contains(jti), "session of " + jti + " never ended"));
            assertEquals(0, rows(data, "open_session"), "no session left open");
            assertEquals(0, rows(data, "pending_return"), "no return left pending");
            assertEquals(0, locksOnAfterStart, "locks energised right after a start");
            Logger.info("torture: {} kills, {} events, {} returns ({} pushed well before a cut), {} sessions opened, all checks held",
                    KILLS, journal.size(), returns.size(), mustHave, sessionsStarted.size());
        }
    }

    /** One step of the mixed load. */
    void load(TokenSigner signer, Subscriber backend, int kill) throws Exception {
        switch (random.nextInt(7)) {
            case 0, 1 -> {
                String id = "T" + (items++);
                HttpResponse<String> r = call("POST", "/sim/units/entrance-return/chute",
                        "{\"items\": [{\"item\": \"" + id + "\", \"owner\": \"DE-705\"}], \"dwell_ms\": 60}");
                if (r.statusCode() == 202) {
                    pushed.put(id, Instant.now());
                }
                Thread.sleep(150); // one book after the other, as readers push them
            }
            case 2 -> {
                String jti = "tt-" + kill + "-" + random.nextInt(1_000_000);
                long now = Instant.now().getEpochSecond();
                String token = signer.sign(new JsonObject().put("iss", "demo-consortium").put("sub", "patron-1").put("jti", jti)
                        .put("iat", now).put("exp", now + 600).put("role", "patron").put("act", new JsonArray().add("exchange")));
                Set<String> before = locksOn("park-nest");
                call("POST", "/sim/units/park-nest/scan", token);
                if (lockGoesOn("park-nest", before)) {
                    sessionsStarted.add(jti); // accepted: a door is unlocked for it (a refusal unlocks none)
                }
                call("POST", "/sim/units/park-nest/doors/left/open", null);
                call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"item\": \"N" + (items++) + "\", \"owner\": \"DE-705\"}");
                call("POST", "/sim/units/park-nest/doors/left/close", null);
            }
            case 3 -> {
                long now = Instant.now().getEpochSecond();
                String cmd = signer.sign(new JsonObject().put("jti", "cmd-" + kill + "-" + random.nextInt(1_000_000)).put("iat", now)
                        .put("exp", now + 60).put("aud", "torture-box").put("cmd", random.nextBoolean() ? "status" : "inventory")
                        .put("args", new JsonObject().put("unit", "park-nest")));
                backend.publish("consortium/demo-consortium/device/torture-box/command", cmd, false);
            }
            case 4, 5 -> {
                // the locker: staff load a compartment, or a reader picks one up; the door is shut again
                boolean load = random.nextBoolean();
                String door = random.nextBoolean() ? "01" : "02";
                String jti = "lk-" + kill + "-" + random.nextInt(1_000_000);
                long now = Instant.now().getEpochSecond();
                JsonObject claims = new JsonObject().put("iss", "demo-consortium").put("jti", jti).put("iat", now).put("exp", now + 600);
                if (load) {
                    claims.put("sub", "staff-1").put("role", "staff").put("act", new JsonArray().add("load")).put("door", door);
                } else {
                    claims.put("sub", "patron-2").put("role", "patron").put("act", new JsonArray().add("pickup")).put("door", door).put("hold", "H-" + jti);
                }
                Set<String> before = locksOn("pickup");
                call("POST", "/sim/units/pickup/scan", signer.sign(claims));
                if (lockGoesOn("pickup", before)) {
                    sessionsStarted.add(jti);
                }
                if (load) {
                    call("POST", "/sim/units/pickup/antennas/" + door + "-1/tags", "{\"item\": \"L" + (items++) + "\", \"owner\": \"DE-705\"}");
                }
                call("POST", "/sim/units/pickup/doors/" + door + "/close", null);
            }
            default -> {
                call("POST", "/units/park-nest/inventory", null);
                Thread.sleep(30);
            }
        }
    }

    Process start(Path config) throws Exception {
        ChildJvmStarter.Agent agent = ChildJvmStarter.agent("--simulate", "--config", config.toString());
        port = agent.port();
        return agent.process();
    }

    /**
     * Whether a door lock of the unit that was off before a scan goes on within 300 ms of it: a session
     * started for that scan (a refusal pulses no lock). A scan checked more slowly only counts for
     * less, never wrongly.
     */
    boolean lockGoesOn(String unit, Set<String> before) throws Exception {
        long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
        while (System.nanoTime() < until) {
            if (!before.containsAll(locksOn(unit))) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** The doors of a unit whose lock is energised now. */
    Set<String> locksOn(String unit) throws Exception {
        JsonObject sim = new JsonObject(call("GET", "/sim", null).body());
        Set<String> on = new HashSet<>();
        sim.getJsonArray("units").stream().map(JsonObject.class::cast).filter(u -> u.getString("unit").equals(unit))
                .flatMap(u -> u.getJsonArray("locks").stream()).map(JsonObject.class::cast)
                .filter(l -> l.getBoolean("energised", false)).forEach(l -> on.add(l.getString("door")));
        return on;
    }

    /** Right after a start no door lock is energised (the drop box's flap is continuous duty, and open). */
    void checkNoLockOn() throws Exception {
        JsonObject sim = new JsonObject(call("GET", "/sim", null).body());
        for (Object u : sim.getJsonArray("units")) {
            JsonArray locks = ((JsonObject) u).getJsonArray("locks");
            if (locks != null) {
                locksOnAfterStart += (int) locks.stream().map(JsonObject.class::cast).filter(l -> l.getBoolean("energised", false)).count();
            }
        }
    }

    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static long lastSeq(Path data) throws Exception {
        try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
            return j.lastSeq();
        }
    }

    static long rows(Path data, String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Journal.FILE_NAME));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.getLong(1);
        }
    }
}
