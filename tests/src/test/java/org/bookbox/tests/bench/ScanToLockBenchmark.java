package org.bookbox.tests.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.unit.doors.DoorController;
import org.bookbox.controller.unit.doors.DoorUnit;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.provisioning.TokenSigner;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.simulator.scanner.ScannerTwin;
import org.bookbox.tests.SimBox;
import org.sqlite.SQLiteConfig;

/**
 * Scan-to-lock latency on the simulated board: from the scanner driver handing over the last byte
 * of a code to the lock output going on, with the token check and the session's note (which spends
 * the code's jti; SQLite, WAL, synchronous=FULL) in between. Run with {@code benchmarks/scan-to-lock.sh}.
 *
 * <p>Each scan comes at a reader's pace, to a box at rest: {@code rest} ms after the last session
 * has settled. The baseline is a bare durable insert at the same pace, in the same loop (rest, insert,
 * rest, scan), so both pay what an fsync costs on a disk that has been idle; the same inserts back
 * to back, the cheapest an fsync gets, are printed too. The script runs it with the unit's JVM flags, as a
 * box runs; the JIT's compiling time while the scans are measured is printed, since a compiler thread
 * busy on one of two cores is what delays the journal writer's wake-up most.
 */
public final class ScanToLockBenchmark {

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long rest = TimeUnit.MILLISECONDS.toNanos(args.length > 2 ? Long.parseLong(args[2]) : 50);
        Path repo = Path.of(System.getProperty("bookbox.repo", "."));
        Path data = Files.createTempDirectory("bookbox-bench");
        AgentConfig sim = AgentConfigLoader.load(repo.resolve("examples/sim/agent.yaml")).withDataDir(data).withApiPort(0);
        // -Dbench.uplink=false: the box without its broker, as the bare insert has none beside it
        AgentConfig config = Boolean.parseBoolean(System.getProperty("bench.uplink", "true")) ? sim : sim.withoutUplink();
        SimulatedBoard board = new SimulatedBoard();
        PartAddress scannerAddress = PartAddress.parse("serial:/dev/qr0");
        // the nest's two doors: a scan opens whichever is free (the last session may still be settling on the other)
        List<PartAddress> locks = List.of(PartAddress.parse("gpio:17"), PartAddress.parse("gpio:18"));
        List<PartAddress> doors = List.of(PartAddress.parse("gpio:27:active-low"), PartAddress.parse("gpio:26:active-low"));
        ScannerTwin scanner = board.scannerTwin(scannerAddress);
        AtomicLong lastByte = new AtomicLong();
        board.scanner(scannerAddress, "CR").onScan(text -> lastByte.set(System.nanoTime())); // the real driver: registered before the unit's listener
        AtomicReference<CountDownLatch> lockOn = new AtomicReference<>(new CountDownLatch(1));
        AtomicLong lockOnAt = new AtomicLong();
        AtomicInteger opened = new AtomicInteger();
        for (int d = 0; d < locks.size(); d++) {
            int which = d;
            board.output(locks.get(d)).onChange(on -> {
                if (on) {
                    lockOnAt.set(System.nanoTime());
                    opened.set(which);
                    lockOn.get().countDown();
                }
            });
        }
        Agent agent = SimBox.agent(config, board);
        agent.start();
        DoorUnit nest = (DoorUnit) agent.units().stream().filter(u -> u.name().equals("park-nest")).findFirst().orElseThrow();
        TokenSigner signer = TokenSigner.fromJwk(repo.resolve("examples/keys/demo-signer.jwk"));
        long[] micros = new long[runs];
        // whether a collection ran between the scan and its lock (or just around them): the pause is then on the path
        boolean[] withCollection = new boolean[runs];
        BareInserts paced = new BareInserts(Files.createTempDirectory("bookbox-paced").resolve("paced.db"));
        long[] pacedMicros = new long[runs];
        GcCount gcBefore = null;
        long jitBefore = 0;
        for (int i = 0; i < warmup + runs; i++) {
            if (i == warmup) {
                gcBefore = GcCount.now();
                jitBefore = jitMillis();
            }
            long now = Instant.now().getEpochSecond();
            String token = signer.sign(new JsonObject().put("iss", "demo-consortium").put("sub", "bench").put("jti", "bench-" + i)
                    .put("iat", now).put("exp", now + 600).put("role", "patron").put("act", new JsonArray().add("exchange")));
            lockOn.set(new CountDownLatch(1));
            LockSupport.parkNanos(rest);
            long insert = paced.insertMicros("bench-" + i);
            if (i >= warmup) {
                pacedMicros[i - warmup] = insert;
            }
            LockSupport.parkNanos(rest);
            long collectionsBefore = GcCount.now().collections();
            scanner.present(token);
            if (!lockOn.get().await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the lock did not come on for scan " + i);
            }
            if (i >= warmup) {
                micros[i - warmup] = (lockOnAt.get() - lastByte.get()) / 1000;
                withCollection[i - warmup] = GcCount.now().collections() != collectionsBefore;
            }
            // end the session: the reader opens and closes the door, the shelves are counted
            board.drive(doors.get(opened.get()), true);
            board.drive(doors.get(opened.get()), false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // every door back at rest, not only this one: a scan finding both busy is refused "no free door"
            while (nest.doors().stream().anyMatch(d -> d.state() != DoorController.State.IDLE || d.busy())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("door did not come back to idle");
                }
                LockSupport.parkNanos(100_000); // not spinning: on two cores a spinning main thread is half the machine
            }
        }
        GcCount gc = GcCount.now().minus(gcBefore);
        long jit = jitMillis() - jitBefore;
        agent.stop();
        paced.close();
        long[] collected = IntStream.range(0, runs).filter(k -> withCollection[k]).mapToLong(k -> micros[k]).sorted().toArray();
        long[] uncollected = IntStream.range(0, runs).filter(k -> !withCollection[k]).mapToLong(k -> micros[k]).sorted().toArray();
        Arrays.sort(micros);
        Arrays.sort(pacedMicros);
        long[] bare = bareDurableInserts(Files.createTempDirectory("bookbox-bare").resolve("bare.db"), warmup, runs);
        System.out.printf("uplink %s; each scan %d ms after the last session settled and %d ms after a bare insert%n",
                config.uplink().enabled() ? "connected to " + config.brokerUrl() : "disabled", rest / 1_000_000, rest / 1_000_000);
        System.out.printf("scan-to-lock over %d scans (after %d warm-up): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                runs, warmup, pct(micros, 50), pct(micros, 90), pct(micros, 99), micros[runs - 1] / 1000.0);
        System.out.printf("GC while the scans were measured: %d collections, %d ms in all%n", gc.collections(), gc.millis());
        System.out.printf("scans with a collection between scan and lock: %d (p50 %s ms); p99 of the other %d: %.2f ms%n", collected.length,
                collected.length == 0 ? "-" : String.format("%.2f", pct(collected, 50)), uncollected.length, pct(uncollected, 99));
        // a compiler thread busy on one core of two delays the journal writer's wake-up: a JIT still warming up shows here
        System.out.printf("JIT compiling while the scans were measured: %d ms of compiler threads' time%n", jit);
        System.out.printf("bare durable insert (sqlite-jdbc, WAL, synchronous=FULL, one row per transaction) at the scans' pace, "
                + "%d in the same loop: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", runs, pct(pacedMicros, 50), pct(pacedMicros, 90), pct(pacedMicros, 99));
        System.out.printf("bare durable insert back to back, %d after the scans: p50 %.2f ms, p99 %.2f ms%n", runs, pct(bare, 50), pct(bare, 99));
        System.out.printf("scan-to-lock p99 / bare insert p99 at the same pace = %.1f (target <= 3); / back-to-back p99 = %.1f%n",
                pct(micros, 99) / pct(pacedMicros, 99), pct(micros, 99) / pct(bare, 99));
        System.out.printf("JVM flags: %s%n", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList()));
        System.out.printf("machine: %d cores, %s, Java %s, data on %s%n", Runtime.getRuntime().availableProcessors(), cpu(),
                System.getProperty("java.version"), Files.getFileStore(data).type());
    }

    /** Single durable inserts into a file of their own, one at a time, each timed. */
    static final class BareInserts implements AutoCloseable {
        private final Connection db;
        private final PreparedStatement insert;
        private long n;

        BareInserts(Path file) throws Exception {
            SQLiteConfig c = new SQLiteConfig();
            c.setJournalMode(SQLiteConfig.JournalMode.WAL);
            c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            db = c.createConnection("jdbc:sqlite:" + file);
            try (Statement st = db.createStatement()) {
                st.executeUpdate("CREATE TABLE used_jti (jti TEXT PRIMARY KEY, exp INTEGER NOT NULL)");
            }
            insert = db.prepareStatement("INSERT INTO used_jti (jti, exp) VALUES (?, ?)");
        }

        long insertMicros(String jti) throws Exception {
            long t0 = System.nanoTime();
            insert.setString(1, jti);
            insert.setLong(2, n++);
            insert.executeUpdate();
            return (System.nanoTime() - t0) / 1000;
        }

        @Override
        public void close() throws Exception {
            insert.close();
            db.close();
        }
    }

    /** Garbage collections so far, of every collector. */
    record GcCount(long collections, long millis) {
        static GcCount now() {
            long n = 0;
            long ms = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                n += Math.max(0, gc.getCollectionCount());
                ms += Math.max(0, gc.getCollectionTime());
            }
            return new GcCount(n, ms);
        }

        GcCount minus(GcCount before) {
            return new GcCount(collections - before.collections, millis - before.millis);
        }
    }

    /** Time the JIT's compiler threads have spent so far, in ms. */
    static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** The latency of single durable inserts back to back, in microseconds, sorted: the floor of any durable write. */
    static long[] bareDurableInserts(Path file, int warmup, int rows) throws Exception {
        long[] micros = new long[rows];
        try (BareInserts bare = new BareInserts(file)) {
            for (int i = 0; i < warmup + rows; i++) {
                long m = bare.insertMicros("bench-" + i);
                if (i >= warmup) {
                    micros[i - warmup] = m;
                }
            }
        }
        Arrays.sort(micros);
        return micros;
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    static String cpu() {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/cpuinfo")));
            return lines.stream().filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }
}
