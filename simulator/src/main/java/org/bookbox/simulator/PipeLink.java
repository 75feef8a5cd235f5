package org.bookbox.simulator;

import java.io.IOException;
import org.bookbox.drivers.serial.SerialLink;

/**
 * A driver's serial line to a device twin over two in-memory pipes. A read waits on the pipe until
 * the twin writes (or the time-out passes) rather than polling it, so an idle simulated box costs
 * what an idle board would: nothing.
 */
final class PipeLink implements SerialLink {

    private final Pipe fromDevice;
    private final Pipe toDevice;

    PipeLink(Pipe fromDevice, Pipe toDevice) {
        this.fromDevice = fromDevice;
        this.toDevice = toDevice;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        toDevice.out.write(bytes);
    }

    @Override
    public int read(byte[] buffer, int timeoutMs) throws IOException {
        try {
            if (!fromDevice.awaitBytes(timeoutMs)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return fromDevice.in.read(buffer, 0, Math.min(buffer.length, fromDevice.in.available()));
    }

    @Override
    public void drain() throws IOException {
        fromDevice.in.skip(fromDevice.in.available());
    }

    @Override
    public void close() {
        // the pipes belong to the simulated board
    }
}
