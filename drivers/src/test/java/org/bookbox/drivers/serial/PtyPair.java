package org.bookbox.drivers.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two linked pseudo-terminals made by socat: the driver opens one end as its serial port, a device
 * simulator the other. Closing it is pulling the USB plug.
 */
public final class PtyPair implements AutoCloseable {

    private final Path host;
    private final Path device;
    private Process socat;

    public PtyPair(Path dir, String name) throws IOException, InterruptedException {
        this.host = dir.resolve(name + "-host");
        this.device = dir.resolve(name + "-device");
        plugIn();
    }

    /** The end the driver opens, as /dev/ttyACM0 would be. */
    public Path host() {
        return host;
    }

    /** The end the device simulator talks on. */
    public Path device() {
        return device;
    }

    public void plugIn() throws IOException, InterruptedException {
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(host) && Files.exists(device))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                throw new IOException("socat did not make the pseudo-terminals (is socat installed?)");
            }
            Thread.sleep(5);
        }
    }

    public void unplug() throws InterruptedException {
        socat.destroy();
        socat.waitFor(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((Files.exists(host) || Files.exists(device)) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        try {
            unplug();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
