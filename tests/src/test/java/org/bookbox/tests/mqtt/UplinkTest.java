package org.bookbox.tests.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.provisioning.TokenSigner;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.simulator.scanner.ScannerTwin;
import org.bookbox.tests.ChildJvmSupport;
import org.bookbox.tests.LocalApiClient;
import org.bookbox.tests.SimBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The uplink against real brokers: HiveMQ CE embedded, and Mosquitto where it is installed (CI). */
class UplinkTest {

    @TempDir
    Path dir;
    TestBroker broker;
    Subscriber backend;
    Agent agent;
    SimulatedBoard board;
    String device;

    static List<String> brokers() {
        return TestBroker.available();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.stop();
        }
        if (backend != null) {
            backend.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    void start(String kind) throws Exception {
        broker = TestBroker.of(kind, dir.resolve("broker"));
        device = "box-" + kind;
        backend = new Subscriber(broker, "consortium/demo-consortium/device/" + device + "/#");
        startAgent(AgentConfig.Uplink.DEFAULTS);
    }

    void startAgent(AgentConfig.Uplink base) throws Exception {
        AgentConfig.Uplink fast = new AgentConfig.Uplink(base.enabled(), base.maxInflight(), base.keepAliveSeconds(),
                Duration.ofMillis(50), Duration.ofMillis(500), base.retention(), base.storageLowBytes());
        AgentConfig config = AgentConfigLoader.load(ChildJvmSupport.repo().resolve("examples/sim/agent.yaml"))
                .withDataDir(dir.resolve("data")).withApiPort(0).withDeviceId(device).withBroker(broker.url(), fast);
        board = new SimulatedBoard();
        agent = SimBox.agent(config, board);
        agent.start();
    }

    void append(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            agent.journal().append("inventory", new JsonObject().put("unit", "park-nest").put("door", "left")
                    .put("reason", "periodic").put("items", new JsonArray()).put("n", i));
        }
        agent.uplink().orElseThrow().wake();
    }

    static void await(String what, long seconds, ChildJvmSupport.Check check) throws Exception {
        ChildJvmSupport.await(what, seconds, check);
    }

    /** seq -> id as the backend saw them; fails if one seq ever came with two ids. */
    Map<Long, String> seen() {
        Map<Long, String> bySeq = new HashMap<>();
        for (JsonObject e : backend.events()) {
            String prior = bySeq.putIfAbsent(e.getLong("seq"), e.getString("id"));
            if (prior != null && !prior.equals(e.getString("id"))) {
                throw new AssertionError("seq " + e.getLong("seq") + " came with two ids: " + prior + " and " + e.getString("id"));
            }
        }
        return bySeq;
    }

    void assertAllDeliveredWithJournalIds() throws Exception {
        try {
            await("every event at the backend", 60, () -> seen().size() == agent.journal().lastSeq());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (backend saw " + seen().size() + " of " + agent.journal().lastSeq() + ", box connected "
                    + agent.uplink().orElseThrow().connected() + ", queue " + agent.status().getLong("queue") + ", subscriber connected " + backend.connected() + ")");
        }
        Map<Long, String> seen = seen();
        for (RecordedEvent e : agent.journal().readAfter(0, 1_000_000)) {
            assertEquals(e.id(), seen.get(e.seq()), "seq " + e.seq() + " arrives with the id it was recorded with");
        }
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void eventsArriveInSeqOrderWithTheirIds(String kind) throws Exception {
        start(kind);
        append(300);
        assertAllDeliveredWithJournalIds();
        List<Long> order = backend.events().stream().map(e -> e.getLong("seq")).distinct().toList();
        for (int i = 1; i < order.size(); i++) {
            assertTrue(order.get(i) > order.get(i - 1), "published in seq order");
        }
        JsonObject first = backend.events().get(0);
        assertEquals("1.0", first.getString("specversion"));
        assertEquals("urn:bookbox:demo-consortium:" + device, first.getString("source"));
        assertTrue(backend.received().stream().anyMatch(r -> r.topic().endsWith("/event/lifecycle")));
        await("queue empty in the status", 10, () -> agent.status().getLong("queue") == 0);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void anOutageWithAThousandEventsQueuedLosesNothingAndMintsNoNewId(String kind) throws Exception {
        start(kind);
        await("boot events delivered", 30, () -> seen().size() == agent.journal().lastSeq());
        JsonObject up = agent.status().getJsonObject("uplink");
        assertEquals(true, up.getBoolean("connected"));
        assertEquals(null, up.getString("problem"));
        broker.stop();
        await("the box notices", 30, () -> !agent.uplink().orElseThrow().connected());
        // the local status says the backend does not hear the box, since when, and why
        await("the status says why", 30, () -> agent.status().getJsonObject("uplink").getString("problem") != null);
        JsonObject down = agent.status().getJsonObject("uplink");
        assertEquals(false, down.getBoolean("connected"));
        assertTrue(Instant.parse(down.getString("since")).isAfter(Instant.parse(up.getString("since"))), down.encode());
        append(1000);
        assertEquals(1000 + seen().size(), agent.status().getLong("queue") + seen().size() - 0, "all queued while the broker is away");
        broker.start();
        assertAllDeliveredWithJournalIds();
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void theBrokerGoingAwayMidFlushLosesNothing(String kind) throws Exception {
        start(kind);
        await("boot events delivered", 30, () -> seen().size() == agent.journal().lastSeq());
        broker.stop();
        await("the box notices", 30, () -> !agent.uplink().orElseThrow().connected());
        append(2000);
        broker.start();
        await("part of the backlog delivered", 60, () -> seen().size() > 300);
        broker.stop(); // mid-flush
        assertTrue(seen().size() < agent.journal().lastSeq(), "stopped mid-flush: " + seen().size() + " of " + agent.journal().lastSeq());
        broker.start();
        assertAllDeliveredWithJournalIds();
        // each seq first arrived after every lower one: published in seq order, resent from the first unacknowledged
        long last = 0;
        Set<Long> firsts = new HashSet<>();
        for (JsonObject e : backend.events()) {
            long seq = e.getLong("seq");
            if (firsts.add(seq)) {
                assertTrue(seq > last, "seq " + seq + " arrived for the first time after " + last);
                last = seq;
            }
        }
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void theRetainedStatusIsThereForALateSubscriber(String kind) throws Exception {
        start(kind);
        await("status published", 10, () -> backend.received().stream().anyMatch(r -> r.topic().endsWith("/status")));
        try (Subscriber late = new Subscriber(broker, "consortium/demo-consortium/device/" + device + "/status")) {
            await("retained status", 10, () -> !late.received().isEmpty());
            Subscriber.Received status = late.received().get(0);
            assertTrue(status.retained());
            assertEquals(true, status.json().getBoolean("online"));
            assertEquals(4, status.json().getJsonArray("units").size());
        }
    }

    // ---- commands ---------------------------------------------------------------------------

    TokenSigner backendKey() throws Exception {
        return TokenSigner.fromJwk(ChildJvmSupport.repo().resolve("examples/keys/demo-signer.jwk"));
    }

    String command(TokenSigner signer, String jti, String aud, long expIn, String cmd, JsonObject args) throws Exception {
        long now = Instant.now().getEpochSecond();
        return signer.sign(new JsonObject().put("jti", jti).put("iat", now).put("exp", now + expIn).put("aud", aud).put("cmd", cmd).put("args", args));
    }

    JsonObject replyTo(String jti) throws Exception {
        await("reply to " + jti, 20, () -> backend.received().stream().anyMatch(r -> r.topic().endsWith("/reply") && jti.equals(r.json().getString("jti"))));
        return backend.received().stream().filter(r -> r.topic().endsWith("/reply") && jti.equals(r.json().getString("jti"))).findFirst().orElseThrow().json();
    }

    void send(String payload) throws Exception {
        backend.publish("consortium/demo-consortium/device/" + device + "/command", payload, false);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void commandsAreVerifiedAndExecutedAtMostOnce(String kind) throws Exception {
        start(kind);
        await("connected", 20, () -> agent.uplink().orElseThrow().connected());
        JsonObject unlock = new JsonObject().put("unit", "park-nest").put("door", "left").put("mode", "exchange");
        send(command(backendKey(), "c-1", device, 60, "unlock", unlock));
        JsonObject ok = replyTo("c-1");
        assertEquals(true, ok.getBoolean("ok"), ok.encode());
        assertEquals("left", ok.getJsonObject("result").getString("door"));
        assertTrue(board.output(PartAddress.parse("gpio:17")).isOn() || agent.journal().readAfter(0, 1000).stream().anyMatch(e -> e.type().equals("session")),
                "the lock was energised for the pulse");

        send(command(backendKey(), "c-1", device, 60, "unlock", unlock));
        await("second reply", 20, () -> backend.received().stream().filter(r -> r.topic().endsWith("/reply")).count() == 2);
        assertEquals("replayed", backend.received().stream().filter(r -> r.topic().endsWith("/reply")).skip(1).findFirst().orElseThrow().json().getString("error"));

        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        TokenSigner forger = new TokenSigner("demo-2026", g.generateKeyPair().getPrivate());
        send(command(forger, "c-2", device, 60, "status", new JsonObject()));
        assertEquals("bad_signature", replyTo("c-2").getString("error"));
        send(command(backendKey(), "c-3", "someone-else", 60, "status", new JsonObject()));
        assertEquals("wrong_audience", replyTo("c-3").getString("error"));
        send(command(backendKey(), "c-4", device, -60, "status", new JsonObject()));
        assertEquals("expired", replyTo("c-4").getString("error"));
        send(command(backendKey(), "c-5", device, 60, "reboot", new JsonObject()));
        assertEquals("unknown_command", replyTo("c-5").getString("error"));
        send(command(backendKey(), "c-6", device, 60, "selftest", new JsonObject().put("unit", "park-nest")));
        JsonObject selftest = replyTo("c-6");
        assertEquals(true, selftest.getBoolean("ok"));
        assertEquals("online", selftest.getJsonObject("result").getJsonArray("units").getJsonObject(0).getString("scanner"));
        send(command(backendKey(), "c-7", device, 60, "inventory", new JsonObject().put("unit", "park-nest").put("door", "right")));
        assertEquals(true, replyTo("c-7").getBoolean("ok"));
        send("not a jws");
        await("reply to garbage", 20, () -> backend.received().stream().anyMatch(r -> r.topic().endsWith("/reply") && "malformed".equals(r.json().getString("error"))));
        // issue 9, defect 6: an unlock whose door never unlatched was answered ok with its session
        new LocalApiClient(() -> agent.apiPort()).call("PUT", "/sim/units/pickup/doors/01/jammed", "{\"jammed\": true}");
        send(command(backendKey(), "c-jam", device, 60, "unlock", new JsonObject().put("unit", "pickup").put("door", "01").put("mode", "load")));
        JsonObject jam = replyTo("c-jam");
        assertEquals(false, jam.getBoolean("ok"), jam.encode());
        assertEquals("lock_fault", jam.getString("error"));
        // issue 9, defect 15: a wait of 1e300 seconds stopped the agent
        send(command(backendKey(), "c-8", device, 60, "unlock", new JsonObject().put("unit", "park-nest").put("door", "right")
                .put("mode", "exchange").put("open_within_s", 1e300)));
        assertEquals("bad_args", replyTo("c-8").getString("error"));
        send(command(backendKey(), "c-9", device, 60, "status", new JsonObject()));
        assertEquals(true, replyTo("c-9").getBoolean("ok"), "still serving");
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void repliesAreJournaledAndOneTheAgentDiedWithIsSentAfterTheRestartWithItsId(String kind) throws Exception {
        // issue 9, defect 9: a reply due while the broker was away, or when the agent died, was lost
        start(kind);
        await("connected", 20, () -> agent.uplink().orElseThrow().connected());
        send(command(backendKey(), "r-1", device, 60, "status", new JsonObject()));
        JsonObject first = replyTo("r-1");
        assertTrue(first.getString("id") != null && !first.getString("id").isEmpty(), first.encode());
        await("acknowledged replies are forgotten", 20, () -> agent.journal().replies().pending().isEmpty());
        agent.stop();
        agent = null;
        // the agent journaled this reply and died before the broker had it
        String id;
        try (Journal j = Journal.open(dir.resolve("data"), Clock.systemUTC(), () -> true)) {
            id = new JsonObject(j.replies().add(new JsonObject().put("jti", "r-2").put("ok", true).put("error", null).put("result", new JsonObject())).payload())
                    .getString("id");
        }
        startAgent(AgentConfig.Uplink.DEFAULTS);
        assertEquals(id, replyTo("r-2").getString("id"));
        await("acknowledged and forgotten", 20, () -> agent.journal().replies().pending().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void aTwentyMegabyteCommandIsRefusedOnceAndTheUplinkGoesOn(String kind) throws Exception {
        // issue 9, defect 12: Paho's receive thread died of OutOfMemoryError under -Xmx96m and the broker redelivered the
        // message after every reconnect; now it never holds more than 64 KiB of it
        start(kind);
        await("connected", 20, () -> agent.uplink().orElseThrow().connected());
        send("x".repeat(20 << 20));
        await("refused too_large", 30, () -> backend.received().stream()
                .anyMatch(r -> r.topic().endsWith("/reply") && "too_large".equals(r.json().getString("error"))));
        send(command(backendKey(), "after-big", device, 60, "status", new JsonObject()));
        assertEquals(true, replyTo("after-big").getBoolean("ok"), "the uplink goes on");
        // acknowledged, so not redelivered when the box comes back
        agent.stop();
        agent = null;
        startAgent(AgentConfig.Uplink.DEFAULTS);
        await("connected again", 20, () -> agent.uplink().orElseThrow().connected());
        send(command(backendKey(), "after-restart", device, 60, "status", new JsonObject()));
        replyTo("after-restart");
        assertEquals(1, backend.received().stream().filter(r -> r.topic().endsWith("/reply") && "too_large".equals(r.json().getString("error"))).count());
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void aStaleUnlockThatWaitedInTheBrokerNeverOpensADoor(String kind) throws Exception {
        start(kind);
        await("connected", 20, () -> agent.uplink().orElseThrow().connected());
        agent.stop();
        agent = null;
        // queued for the box's persistent session while it is away; its exp passes meanwhile
        send(command(backendKey(), "stale-1", device, -40, "unlock", new JsonObject().put("unit", "park-nest").put("door", "left").put("mode", "exchange")));
        startAgent(AgentConfig.Uplink.DEFAULTS);
        assertEquals("expired", replyTo("stale-1").getString("error"));
        assertFalse(board.output(PartAddress.parse("gpio:17")).isOn());
        assertTrue(agent.journal().readAfter(0, 1000).stream().noneMatch(e -> e.type().equals("session")));
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void configAndRevocationsAreAppliedAndSurviveARestartOffline(String kind) throws Exception {
        start(kind);
        await("connected", 20, () -> agent.uplink().orElseThrow().connected());
        long now = Instant.now().getEpochSecond();
        backend.publish("consortium/demo-consortium/device/" + device + "/config",
                backendKey().sign(new JsonObject().put("version", 3).put("iat", now).put("settings", new JsonObject())), true);
        backend.publish("consortium/demo-consortium/revocations",
                backendKey().sign(new JsonObject().put("version", 7).put("iat", now).put("sub", new JsonArray().add("patron-666")).put("jti", new JsonArray())), true);
        await("config applied", 20, () -> agent.journal().readAfter(0, 1000).stream()
                .anyMatch(e -> e.type().equals("lifecycle") && "config_applied".equals(e.data().getString("phase"))));
        await("revocations applied", 20, () -> agent.status().getLong("revocations_version") == 7);
        assertEquals(3, agent.status().getLong("config_version"));
        // issue 9, defect 15: a version of 1e30 was stored as Long.MAX, and no later config could ever apply
        backend.publish("consortium/demo-consortium/device/" + device + "/config",
                backendKey().sign(new JsonObject().put("version", 1e30).put("iat", now).put("settings", new JsonObject())), true);
        backend.publish("consortium/demo-consortium/device/" + device + "/config",
                backendKey().sign(new JsonObject().put("version", 4).put("iat", now).put("settings", new JsonObject())), true);
        await("config 4 applied over the bogus one", 20, () -> agent.status().getLong("config_version") == 4);
        // the box goes offline for good, and a revoked reader scans
        agent.stop();
        startAgent(new AgentConfig.Uplink(false, 10, 30, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofDays(1), 1));
        String token = backendKey().sign(new JsonObject().put("iss", "demo-consortium").put("sub", "patron-666").put("jti", "rv-1")
                .put("exp", now + 300).put("role", "patron").put("act", new JsonArray().add("exchange")));
        ScannerTwin scanner = board.scannerTwin(PartAddress.parse("serial:/dev/qr0"));
        // the agent opens its scanner on a thread of its own: a code presented before that is lost, as on a real line
        await("scanner open", 10, scanner::opened);
        scanner.present(token);
        await("revoked", 10, () -> agent.journal().readAfter(0, 1000).stream()
                .anyMatch(e -> e.type().equals("scan.rejected") && "revoked".equals(e.data().getString("reason"))));
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void lowStoragePrunesAcknowledgedEventsButNeverAnUnacknowledgedOne(String kind) throws Exception {
        broker = TestBroker.of(kind, dir.resolve("broker"));
        device = "box-low-" + kind;
        backend = new Subscriber(broker, "consortium/demo-consortium/device/" + device + "/#");
        broker.stop();
        // a threshold of the whole partition but a byte: with anything on it, storage is always "low"
        long wholeDisk = Files.getFileStore(dir).getTotalSpace() - 1;
        startAgent(new AgentConfig.Uplink(true, 100, 30, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofDays(30), wholeDisk));
        append(20);
        await("storage_low raised", 20, () -> agent.journal().readAfter(0, 1000).stream()
                .anyMatch(e -> e.type().equals("alarm") && "storage_low".equals(e.data().getString("kind"))));
        // read once: events may still be recorded meanwhile (the units' own), and none may be missing
        var kept = agent.journal().readAfter(0, 1000);
        long last = kept.get(kept.size() - 1).seq();
        assertEquals(last, kept.size(), "nothing acknowledged, nothing deleted");
        broker.start();
        await("all acknowledged and pruned", 60, () -> agent.journal().unacknowledged() == 0 && agent.journal().readAfter(0, 1000).isEmpty());
        assertTrue(agent.journal().lastSeq() >= last, "seq goes on after pruning");
    }
}
