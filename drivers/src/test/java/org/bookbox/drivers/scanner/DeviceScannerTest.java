package org.bookbox.drivers.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bookbox.drivers.serial.JSerialLink;
import org.bookbox.drivers.serial.PtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanners on real device nodes: a serial one over a pseudo-terminal, a keyboard-wedge one over a FIFO. */
class DeviceScannerTest {

    static final String TOKEN = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJQLTQ3MTEifQ.Ab-_9z";

    @TempDir
    Path dir;
    final BlockingQueue<String> codes = new LinkedBlockingQueue<>();
    final BlockingQueue<Boolean> status = new LinkedBlockingQueue<>();

    /** Back-off waits that are real but short: the test waits for reopen, not for production delays. */
    static final DeviceScanner.Sleeper SHORT = d -> Thread.sleep(Math.min(d.toMillis(), 20));

    String next() throws InterruptedException {
        return codes.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void serialCodesAreFramedBySuffixWhateverTheChunks() throws Exception {
        try (PtyPair line = new PtyPair(dir, "qr")) {
            DeviceScanner scanner = new DeviceScanner("qr0", () -> JSerialLink.open(line.host().toString(), 9600),
                    () -> new SuffixFramer("CR"), new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)), SHORT);
            scanner.onScan(codes::add);
            scanner.onStatus(status::add);
            scanner.start();
            assertEquals(true, status.poll(5, TimeUnit.SECONDS));
            try (FileOutputStream device = new FileOutputStream(line.device().toFile())) {
                device.write(("]Q1" + TOKEN + "\r").getBytes());
                device.write("first\r\nsec".getBytes());
                device.flush();
                Thread.sleep(30);
                device.write("ond\r".getBytes());
            }
            assertEquals("]Q1" + TOKEN, next(), "framing keeps the symbology id; the unit strips it");
            assertEquals("first", next());
            assertEquals("second", next());
            assertEquals(TOKEN, ScannedText.clean("]Q1" + TOKEN + "\r\n", ""));
            scanner.close();
        }
    }

    @Test
    void anUnpluggedScannerIsOfflineUntilItIsBack() throws Exception {
        PtyPair line = new PtyPair(dir, "qr");
        DeviceScanner scanner = new DeviceScanner("qr0", () -> JSerialLink.open(line.host().toString(), 9600),
                () -> new SuffixFramer("CR"), new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)), SHORT);
        scanner.onScan(codes::add);
        scanner.onStatus(status::add);
        scanner.start();
        assertEquals(true, status.poll(5, TimeUnit.SECONDS));
        line.unplug();
        assertEquals(false, status.poll(5, TimeUnit.SECONDS));
        line.plugIn();
        assertEquals(true, status.poll(5, TimeUnit.SECONDS));
        ScannerSimulator.serial(line.device(), "after-replug\r");
        assertEquals("after-replug", next());
        assertEquals(List.of(), List.copyOf(status), "one offline and one online, no flapping");
        scanner.close();
        line.close();
    }

    @Test
    void aKeyboardWedgeScannerReadsInputEvents() throws Exception {
        Path fifo = dir.resolve("event7");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        DeviceScanner scanner = new DeviceScanner("kbd", () -> EvdevLink.open(fifo.toString()),
                () -> new EvdevFramer(EvdevFramer.nativeEventSize()), new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)), SHORT);
        scanner.onScan(codes::add);
        scanner.start();
        try (FileOutputStream device = new FileOutputStream(fifo.toFile())) {
            device.write(ScannerSimulator.evdev(TOKEN, EvdevFramer.nativeEventSize()));
        }
        assertEquals(TOKEN, next());
        scanner.close();
        Files.delete(fifo);
    }
}
