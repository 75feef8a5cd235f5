package org.bookbox.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One direction of an in-memory serial line. Unlike {@link java.io.PipedInputStream} it does not
 * tie itself to the threads that last used it (a driver's request may come from any worker thread,
 * and a thread that ends must not break the line).
 */
final class Pipe {

    private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
    private byte[] reading = new byte[0];
    private int at;

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (Pipe.this) {
                buffered.write(b, off, len);
                Pipe.this.notifyAll();
            }
        }
    };

    /** Waits up to {@code timeoutMs} for bytes to read, without polling: a writer wakes it. @return whether there are any */
    synchronized boolean awaitBytes(int timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (reading.length - at + buffered.size() == 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (Pipe.this) {
                while (available() == 0) {
                    try {
                        Pipe.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
                if (at == reading.length) {
                    reading = buffered.toByteArray();
                    buffered.reset();
                    at = 0;
                }
                int n = Math.min(len, reading.length - at);
                System.arraycopy(reading, at, b, off, n);
                at += n;
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (Pipe.this) {
                return reading.length - at + buffered.size();
            }
        }
    };
}
