package org.bookbox.tests.mqtt;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Fleet;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.iso28560.DanishDataModel;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.simulator.SimulatedBoards;
import org.bookbox.simulator.rfid.SimulatedTag;
import org.bookbox.simulator.rfid.TagField;
import org.bookbox.tests.ChildJvmSupport;
import org.bookbox.tests.EventContract;
import org.tinylog.Logger;

/**
 * A fleet of simulated boxes in one JVM, sharing one Vert.x, one scheduler and one Pi4J mock context
 * ({@link Fleet}, {@link SimulatedBoards}), each a nest with two doors and their antennas and a drop
 * box, with the box's own uplink settings (back-off 1 s doubling to 120 s, full jitter). Books are
 * returned and a door is forced open before the broker goes away and while it is away; then the
 * broker comes back. What the backend received is checked against every box's journal: every event,
 * gap-free by seq, none under two ids. Used by {@link FleetTest} (200 boxes, in every build) and
 * {@code FleetBenchmark} (1,000, {@code benchmarks/fleet.sh}).
 */
public final class FleetRun {

    static final String PROFILE = """
            profile_version: 1
            reader: { language: zh-CN, volume: 0 }
            units:
              - name: entrance-return
                kind: dropbox
                chute: { eye: "gpio:22", antennas: "rfid:/dev/rfid0#1", read_window_ms: 1500 }
                flap: gpio:16
                bins:
                  - { name: local, full_sensor: "gpio:23" }
                  - { name: transit, full_sensor: "gpio:25" }
                sorter: { address: "gpio:24", off: local, on: transit }
                sorting: { own_library: local, otherwise: transit }
                security: { afi_in_library: 0x07, afi_on_loan: 0xC2 }
              - name: park-nest
                kind: nest
                policy: exchange
                max_items: 2
                scanner: { address: "serial:/dev/qr0", suffix: CR }
                doors:
                  - name: left
                    lock: { address: "gpio:17", pulse_ms: 800 }
                    sensor: "gpio:27:active-low"
                    antennas: [ "rfid:/dev/rfid0#2", "rfid:/dev/rfid0#3" ]
                  - name: right
                    lock: { address: "gpio:18", pulse_ms: 800 }
                    sensor: "gpio:26:active-low"
                    antennas: [ "rfid:/dev/rfid0#4" ]
            """;
    static final PartAddress EYE = PartAddress.parse("gpio:22");
    static final PartAddress CHUTE = PartAddress.parse("rfid:/dev/rfid0#1");
    static final PartAddress LEFT_DOOR = PartAddress.parse("gpio:27:active-low");

    /** What a run measured. */
    public record Result(int agents, long events, Duration outage, List<Long> reconnectMs, long heapPerAgent, long rssPerAgent,
                         long osThreads, Duration startAll, Duration deliverAfterBack) {

        /** Reconnects after the broker came back, counted per bucket of {@code bucketMs}. */
        public Map<Long, Integer> histogram(long bucketMs) {
            Map<Long, Integer> h = new TreeMap<>();
            for (long ms : reconnectMs) {
                h.merge(ms / bucketMs * bucketMs, 1, Integer::sum);
            }
            return h;
        }

        public long spreadMs() {
            return reconnectMs.getLast() - reconnectMs.getFirst();
        }
    }

    private final Path dir;
    private final int size;
    private final Duration outage;
    private final List<Agent> agents = new ArrayList<>();
    private final List<SimulatedBoard> boards = new ArrayList<>();
    /** What the backend received, by device: seq to event id. */
    private final Map<String, Map<Long, String>> received = new ConcurrentHashMap<>();
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private final List<String> twoIds = new ArrayList<>();
    private int read;
    private int books;

    public FleetRun(Path dir, int size, Duration outage) {
        this.dir = dir;
        this.size = size;
        this.outage = outage;
    }

    public Result run() throws Exception {
        Path profileFile = dir.resolve("profile.yaml");
        Files.writeString(profileFile, PROFILE);
        HardwareProfile profile = ProfileLoader.load(profileFile);
        String kind = TestBroker.available().contains("mosquitto") ? "mosquitto" : "hivemq";
        ExecutorService hands = Executors.newFixedThreadPool(4);
        try (Fleet fleet = new Fleet();
             SimulatedBoards bench = new SimulatedBoards(fleet.threads());
             TestBroker broker = TestBroker.of(kind, dir.resolve("broker"));
             Subscriber backend = new Subscriber(broker, "consortium/demo-consortium/device/+/event/#")) {
            try {
                long heap0 = heapAfterGc();
                long rss0 = rss();
                AgentConfig base = AgentConfigLoader.load(ChildJvmSupport.repo().resolve("examples/sim/agent.yaml"));
                long t0 = System.nanoTime();
                for (int i = 0; i < size; i++) {
                    SimulatedBoard board = bench.board();
                    AgentConfig c = base.withDeviceId(String.format("fleet-%04d", i)).withDataDir(dir.resolve("agent-" + i)).withApiPort(0)
                            .withBroker(broker.url(), AgentConfig.Uplink.DEFAULTS);
                    boards.add(board);
                    agents.add(new Agent(c, profile, board, Clock.systemUTC(), () -> true, fleet));
                }
                all(hands, i -> agents.get(i).start());
                Duration startAll = Duration.ofNanos(System.nanoTime() - t0);
                Logger.info("{} agents up on {} broker in {} ms", size, kind, startAll.toMillis());

                returnBooks(1);
                awaitDelivered(backend, "every box's first events", 300);
                long heap = (heapAfterGc() - heap0) / size;
                long rss = (rss() - rss0) / size;
                long threads = osThreads();

                Instant down = Instant.now();
                broker.stop();
                ChildJvmSupport.await("every box notices the broker is gone", 120,
                        () -> agents.stream().noneMatch(a -> a.uplink().orElseThrow().connected()));
                returnBooks(2);
                forceLeftDoors();
                Duration left = outage.minus(Duration.between(down, Instant.now()));
                if (!left.isNegative()) {
                    Thread.sleep(left.toMillis());
                }
                Instant back = Instant.now();
                broker.start();
                ChildJvmSupport.await("every box back", 600, () -> agents.stream().allMatch(a -> a.uplink().orElseThrow().connected()));
                awaitDelivered(backend, "every event of every box", 600);
                Duration deliver = Duration.between(back, Instant.now());

                List<Long> ms = new ArrayList<>();
                for (Agent a : agents) {
                    List<Instant> connects = a.uplink().orElseThrow().connects();
                    ms.add(Duration.between(back, connects.getLast()).toMillis());
                }
                ms.sort(Long::compare);
                if (!twoIds.isEmpty()) {
                    throw new AssertionError("events sent under two ids: " + twoIds.subList(0, Math.min(5, twoIds.size())));
                }
                long events = 0;
                for (Agent a : agents) {
                    events += a.journal().lastSeq();
                }
                return new Result(size, events, outage, ms, heap, rss, threads, startAll, deliver);
            } finally {
                // the agents stop before the fleet, the boards and the broker are closed
                all(hands, i -> agents.get(i).stop());
            }
        } finally {
            hands.shutdownNow();
        }
    }

    /** One book per box through its chute, {@code n} times, each waited for until it is journaled. */
    private void returnBooks(int n) throws Exception {
        for (int k = 0; k < n; k++) {
            List<SimulatedTag> tags = new ArrayList<>();
            long[] before = new long[size];
            for (int i = 0; i < size; i++) {
                int b = books++;
                SimulatedTag tag = new SimulatedTag(new TagUid(0xE004010000000000L + b),
                        DanishDataModel.encode(LibraryItem.circulating("F" + b, b % 3 == 0 ? "DK-710100" : "DE-705")), 0xC2);
                tags.add(tag);
                before[i] = agents.get(i).metrics().journaled.value("return");
                boards.get(i).field(CHUTE).put(tag);
                boards.get(i).drive(EYE, true);
                boards.get(i).drive(EYE, false);
            }
            ChildJvmSupport.await("a return journaled by every box", 300, () -> {
                for (int i = 0; i < size; i++) {
                    if (agents.get(i).metrics().journaled.value("return") <= before[i]) {
                        return false;
                    }
                }
                return true;
            });
            for (int i = 0; i < size; i++) {
                TagField chute = boards.get(i).field(CHUTE);
                chute.remove(tags.get(i).uid());
            }
        }
    }

    /** A nest door opened with no session and shut again: door_forced, and a count of its shelves. */
    private void forceLeftDoors() throws Exception {
        for (SimulatedBoard b : boards) {
            b.drive(LEFT_DOOR, true);
        }
        Thread.sleep(200);
        for (SimulatedBoard b : boards) {
            b.drive(LEFT_DOOR, false);
        }
    }

    /** Until every event in every box's journal has reached the backend. */
    private void awaitDelivered(Subscriber backend, String what, long seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        boolean[] complete = new boolean[size];
        while (true) {
            take(backend);
            int missing = 0;
            for (int i = 0; i < size; i++) {
                if (complete[i]) {
                    continue; // nothing is recorded once the activity is over: a box seen complete stays so
                }
                Agent a = agents.get(i);
                Map<Long, String> got = received.getOrDefault(a.config().source(), Map.of());
                long last = a.journal().lastSeq();
                // gap-free from 1: as many distinct seqs as the journal's last, and the last among them
                complete[i] = got.size() == last && (last == 0 || got.containsKey(last));
                if (!complete[i]) {
                    missing++;
                }
            }
            if (missing == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + missing + " of " + size + " boxes incomplete after " + seconds + " s");
            }
            Thread.sleep(250);
        }
    }

    /** The events the backend received since the last look: each checked against the contract once, seq to id. */
    private void take(Subscriber backend) {
        List<Subscriber.Received> all = backend.received();
        for (; read < all.size(); read++) {
            Subscriber.Received r = all.get(read);
            if (!r.topic().contains("/event/")) {
                continue;
            }
            JsonObject e = r.json();
            EventContract.checkOnce(e, checked);
            String before = received.computeIfAbsent(e.getString("source"), s -> new HashMap<>()).putIfAbsent(e.getLong("seq"), e.getString("id"));
            if (before != null && !before.equals(e.getString("id"))) {
                twoIds.add(e.getString("source") + " seq " + e.getLong("seq") + ": " + before + " and " + e.getString("id"));
            }
        }
    }

    private interface Step {
        void on(int agent) throws Exception;
    }

    /** A step for every agent, four at a time (as many technicians as there are hands). */
    private void all(ExecutorService hands, Step step) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            int n = i;
            done.add(hands.submit(() -> {
                step.on(n);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long rss() throws IOException {
        return statusLine("VmRSS:") * 1024;
    }

    static long osThreads() throws IOException {
        return statusLine("Threads:");
    }

    private static long statusLine(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
