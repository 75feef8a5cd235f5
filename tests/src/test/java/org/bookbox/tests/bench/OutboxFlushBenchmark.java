package org.bookbox.tests.bench;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.tests.SimBox;
import org.bookbox.tests.mqtt.TestBroker;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A backlog of journaled events flushed to a local broker after an outage, events per second until
 * the last PUBACK is stored, beside a bare Paho QoS 1 publish loop with the same in-flight window
 * and payloads, in the same run. Run with {@code benchmarks/outbox-flush.sh [events] [window] [rounds]}.
 *
 * <p>A first run of each warms the JVM; then {@code rounds} rounds of one flush and one bare loop each,
 * the order alternating, and the figure is the median of each side: a single pair of runs on two
 * cores moves by ten points from one to the next, on both sides.
 */
public final class OutboxFlushBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path repo = Path.of(System.getProperty("bookbox.repo", "."));
        Path dir = Files.createTempDirectory("bookbox-flush");
        String kind = TestBroker.available().get(TestBroker.available().size() - 1);
        try (TestBroker broker = TestBroker.of(kind, dir.resolve("broker"))) {
            // two backlogs of events recorded while the broker was out of reach: the first flush warms the JVM
            // (the JIT, Paho's classes) as the bare loop's first run does; the second of each is the figure
            byte[] payload = backlog(dir.resolve("cold"), events);
            double bareCold = bareLoop(broker, events, window, payload);
            double outboxCold = flush(repo, broker, dir.resolve("cold"), "flush-box-0", window);
            System.out.printf("first runs, on a cold JVM: outbox %.0f events/s, bare loop %.0f messages/s (%.0f%%)%n",
                    outboxCold, bareCold, 100 * outboxCold / bareCold);
            double[] outboxes = new double[rounds];
            double[] bares = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                Path data = dir.resolve("round-" + r);
                backlog(data, events);
                if (r % 2 == 0) {
                    outboxes[r] = flush(repo, broker, data, "flush-box-" + (r + 1), window);
                    bares[r] = bareLoop(broker, events, window, payload);
                } else {
                    bares[r] = bareLoop(broker, events, window, payload);
                    outboxes[r] = flush(repo, broker, data, "flush-box-" + (r + 1), window);
                }
                System.out.printf("round %d: outbox %.0f events/s, bare loop %.0f messages/s (%.0f%%)%n",
                        r + 1, outboxes[r], bares[r], 100 * outboxes[r] / bares[r]);
            }
            double outbox = median(outboxes);
            double bare = median(bares);
            System.out.printf("medians of %d rounds:%n", rounds);
            System.out.printf("outbox: %.0f events/s (journal read, CloudEvents JSON, QoS 1, acknowledgements stored), window %d, broker %s%n",
                    outbox, window, kind);
            System.out.printf("bare Paho QoS 1 loop, same session settings, window, topic shape and payload size: %.0f messages/s%n", bare);
            System.out.printf("outbox / bare = %.0f%%%n", 100 * outbox / bare);
            System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(), ScanToLockBenchmark.cpu(),
                    System.getProperty("java.version"));
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Journals {@code events} returns (the writer's group commit: setting up is not what is measured); one event's payload. */
    static byte[] backlog(Path data, int events) throws Exception {
        Files.createDirectories(data);
        long t0 = System.nanoTime();
        try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true); EventRecorder recorder = new EventRecorder(j, "backlog")) {
            CompletableFuture<?> last = null;
            for (int i = 0; i < events; i++) {
                last = recorder.record(new BoxEvent.Return("entrance-return", new JsonObject().put("id", "B" + i).put("owner", "DE-705")
                        .put("uid", String.format("e0040100%08x", i)), null, "local", new JsonObject().put("library", "DE-705"), null)
                        .secured(BoxEvent.Security.SET, null));
            }
            last.get();
            RecordedEvent sample = j.readAfter(0, 1).get(0);
            System.out.printf("journaled %d events in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);
            return sample.toCloudEvent("urn:bookbox:demo-consortium:flush-box").encode().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The box comes up while the broker is away, the broker returns: events per second from the connection to the last PUBACK. */
    static double flush(Path repo, TestBroker broker, Path data, String device, int window) throws Exception {
        AgentConfig config = AgentConfigLoader.load(repo.resolve("examples/sim/agent.yaml")).withDataDir(data).withApiPort(0)
                .withDeviceId(device).withBroker(broker.url(),
                        new AgentConfig.Uplink(true, window, 30, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofDays(30), 1));
        broker.stop();
        Agent agent = SimBox.agent(config, new SimulatedBoard());
        agent.start();
        Thread.sleep(1000);
        broker.start();
        while (agent.uplink().orElseThrow().connects().isEmpty()) {
            Thread.sleep(1);
        }
        Instant connected = agent.uplink().orElseThrow().connects().get(0);
        long total = agent.journal().lastSeq();
        // the uplink's own PUBACK count: polling the journal would take its lock from the outbox
        while (agent.uplink().orElseThrow().pubacks() < total) {
            Thread.sleep(2);
        }
        double rate = total / (Duration.between(connected, Instant.now()).toNanos() / 1e9);
        agent.stop();
        try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
            if (j.unacknowledged() > 1) { // the shutdown event may still be on its way
                throw new IllegalStateException(j.unacknowledged() + " events left unacknowledged");
            }
        }
        return rate;
    }

    static double bareLoop(TestBroker broker, int messages, int window, byte[] payload) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.url().toString(), "bare-loop-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false); // as the box connects
        o.setKeepAliveInterval(30);
        o.setMaxInflight(window + 16);
        client.connect(o).waitForCompletion(10_000);
        Semaphore slots = new Semaphore(window);
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken t) {
                slots.release();
            }

            @Override
            public void onFailure(IMqttToken t, Throwable e) {
                slots.release();
            }
        };
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            slots.acquire();
            client.publish("consortium/demo-consortium/device/bare-loop/event/return", payload, 1, false, null, release);
        }
        if (!slots.tryAcquire(window, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("PUBACKs missing");
        }
        double rate = messages / ((System.nanoTime() - start) / 1e9);
        client.disconnect().waitForCompletion(5000);
        client.close();
        return rate;
    }
}
