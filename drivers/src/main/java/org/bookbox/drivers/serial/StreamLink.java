package org.bookbox.drivers.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A serial line over a pair of in-memory streams: how the simulated board wires its device simulators. */
public final class StreamLink implements SerialLink {

    private final InputStream in;
    private final OutputStream out;

    public StreamLink(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public int read(byte[] buffer, int timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (in.available() == 0) {
            if (System.nanoTime() > deadline) {
                return 0;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        return in.read(buffer, 0, Math.min(buffer.length, in.available()));
    }

    @Override
    public void drain() throws IOException {
        in.skip(in.available());
    }

    @Override
    public void close() {
        // the streams belong to the simulated board
    }
}
