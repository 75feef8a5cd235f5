package org.bookbox.tests.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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

/**
 * Scan-to-lock latency on the simulated board: from the scanner driver handing over the last byte
 * of a code to the lock output going on, with the token check and its durable jti write (SQLite,
 * WAL, synchronous=FULL) in between. Run with {@code benchmarks/scan-to-lock.sh}.
 */
public final class ScanToLockBenchmark {

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path repo = Path.of(System.getProperty("bookbox.repo", "."));
        Path data = Files.createTempDirectory("bookbox-bench");
        AgentConfig config = AgentConfigLoader.load(repo.resolve("examples/sim/agent.yaml")).withDataDir(data).withApiPort(0);
        SimulatedBoard board = new SimulatedBoard();
        PartAddress scannerAddress = PartAddress.parse("serial:/dev/qr0");
        PartAddress lock = PartAddress.parse("gpio:17");
        PartAddress door = PartAddress.parse("gpio:27:active-low");
        ScannerTwin scanner = board.scannerTwin(scannerAddress);
        AtomicLong lastByte = new AtomicLong();
        board.scanner(scannerAddress, "CR").onScan(text -> lastByte.set(System.nanoTime())); // the real driver: registered before the unit's listener
        AtomicReference<CountDownLatch> lockOn = new AtomicReference<>(new CountDownLatch(1));
        AtomicLong lockOnAt = new AtomicLong();
        board.output(lock).onChange(on -> {
            if (on) {
                lockOnAt.set(System.nanoTime());
                lockOn.get().countDown();
            }
        });
        Agent agent = SimBox.agent(config, board);
        agent.start();
        DoorUnit nest = (DoorUnit) agent.units().stream().filter(u -> u.name().equals("park-nest")).findFirst().orElseThrow();
        DoorController left = nest.doors().get(0);
        TokenSigner signer = TokenSigner.fromJwk(repo.resolve("examples/keys/demo-signer.jwk"));
        long[] micros = new long[runs];
        for (int i = 0; i < warmup + runs; i++) {
            long now = Instant.now().getEpochSecond();
            String token = signer.sign(new JsonObject().put("iss", "demo-consortium").put("sub", "bench").put("jti", "bench-" + i)
                    .put("iat", now).put("exp", now + 600).put("role", "patron").put("act", new JsonArray().add("exchange")));
            lockOn.set(new CountDownLatch(1));
            scanner.present(token);
            if (!lockOn.get().await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the lock did not come on for scan " + i);
            }
            if (i >= warmup) {
                micros[i - warmup] = (lockOnAt.get() - lastByte.get()) / 1000;
            }
            // end the session: the reader opens and closes the door, the shelves are counted
            board.drive(door, true);
            board.drive(door, false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (left.state() != DoorController.State.IDLE || left.busy()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("door did not come back to idle");
                }
                Thread.onSpinWait();
            }
        }
        agent.stop();
        Arrays.sort(micros);
        System.out.printf("scan-to-lock over %d scans (after %d warm-up): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                runs, warmup, pct(micros, 50), pct(micros, 90), pct(micros, 99), micros[runs - 1] / 1000.0);
        System.out.printf("machine: %d cores, %s, Java %s, data on %s%n", Runtime.getRuntime().availableProcessors(), cpu(),
                System.getProperty("java.version"), Files.getFileStore(data).type());
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
