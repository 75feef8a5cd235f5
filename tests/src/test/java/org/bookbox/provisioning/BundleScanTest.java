package org.bookbox.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.tests.AgentFiles;
import org.junit.jupiter.api.Test;

/** {@code from-qr --scan}: the bundle read byte for byte through the box's own scanner driver (the simulated scanner's twin). */
class BundleScanTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final Console console = new Console(new BufferedReader(new StringReader("")), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC());

    @Test
    void theFirstCodeHeldUnderTheUnitsScannerIsTheBundle() throws Exception {
        HardwareProfile profile = ProfileLoader.load(AgentFiles.shipped("examples/sim/profile.yaml"));
        LockerSpec pickup = profile.units().stream().filter(u -> u.name().equals("pickup")).map(LockerSpec.class::cast).findFirst().orElseThrow();
        // a bundle near a QR code's capacity, as the keyboard-wedge (evdev) scanner types it
        String bundle = "eyJhbGciOiJFZERTQSJ9." + "QUJD".repeat(600) + ".c2ln";
        try (SimulatedBoard board = new SimulatedBoard()) {
            CompletableFuture<Void> held = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (!out.toString(StandardCharsets.UTF_8).contains("hold the bundle's QR code under the scanner of pickup") && System.nanoTime() < until) {
                        Thread.sleep(20);
                    }
                    board.scannerTwin(pickup.scanner().address()).present(bundle);
                    held.complete(null);
                } catch (Exception e) {
                    held.completeExceptionally(e);
                }
            });
            assertEquals(bundle, BundleScan.read(board, profile, Optional.of("pickup"), Duration.ofSeconds(20), console));
            held.get(1, TimeUnit.SECONDS);
        }
    }

    @Test
    void nothingScannedOrNoSuchScannerIsSaid() throws Exception {
        HardwareProfile profile = ProfileLoader.load(AgentFiles.shipped("examples/sim/profile.yaml"));
        try (SimulatedBoard board = new SimulatedBoard()) {
            BundleScan.Failed none = assertThrows(BundleScan.Failed.class, () -> BundleScan.read(board, profile, Optional.empty(), Duration.ofSeconds(1), console));
            assertEquals("nothing was scanned at park-nest within 1 s", none.getMessage());
            BundleScan.Failed unit = assertThrows(BundleScan.Failed.class, () -> BundleScan.read(board, profile, Optional.of("entrance-return"), Duration.ofMillis(300), console));
            assertTrue(unit.getMessage().startsWith("no unit 'entrance-return' with a scanner"), unit.getMessage());
        }
    }
}
