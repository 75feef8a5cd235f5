package org.bookbox.simulator.scanner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bookbox.drivers.scanner.EvdevFramer;
import org.bookbox.drivers.serial.SerialLink;

/**
 * The twin of a QR scanner, on the wire: a code held under it becomes the bytes the device would
 * send (the text and its suffix on a serial scanner, key events on a keyboard-wedge one), read by
 * the real driver through {@link #opener()}. Pulling the plug makes the line go away as a USB
 * device's would.
 */
public final class ScannerTwin {

    /** How a scanner sends a code. */
    public enum Wire { SERIAL, EVDEV }

    private final Wire wire;
    private final byte[] suffix;
    private final int eventSize;
    private final LinkedBlockingQueue<byte[]> line = new LinkedBlockingQueue<>();
    private volatile boolean plugged = true;
    private volatile boolean closed;
    /** Whether a driver has opened the line: what is presented before that is lost, as on a real line. */
    private volatile boolean opened;

    /**
     * @param suffix    CR, LF, CRLF or none (serial scanners)
     * @param eventSize the size of {@code struct input_event} the driver reads (evdev scanners)
     */
    public ScannerTwin(Wire wire, String suffix, int eventSize) {
        this.wire = wire;
        this.suffix = switch (suffix) {
            case "LF" -> new byte[] {'\n'};
            case "CRLF" -> new byte[] {'\r', '\n'};
            case "none" -> new byte[0];
            default -> new byte[] {'\r'};
        };
        this.eventSize = eventSize;
    }

    /** What the driver opens: fails while unplugged, and an open line fails once the plug is pulled. */
    public SerialLink.Opener opener() {
        return () -> {
            if (!plugged || closed) {
                throw new IOException("simulated scanner unplugged");
            }
            line.clear();
            opened = true;
            return new Line();
        };
    }

    /** Whether the driver has opened the line yet: a test presents a code once it has. */
    public boolean opened() {
        return opened;
    }

    /** Pulls the scanner's plug (false) or puts it back (true). */
    public void plugged(boolean value) {
        plugged = value;
    }

    public boolean plugged() {
        return plugged;
    }

    /** As if a reader held this code under the scanner: its bytes go down the line. */
    public void present(String text) {
        if (closed) {
            throw new IllegalStateException("scanner is closed");
        }
        if (!plugged) {
            throw new IllegalStateException("scanner is unplugged");
        }
        line.add(wire == Wire.SERIAL ? serial(text) : keys(text));
    }

    public void close() {
        closed = true;
    }

    private byte[] serial(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[t.length + suffix.length];
        System.arraycopy(t, 0, out, 0, t.length);
        System.arraycopy(suffix, 0, out, t.length, suffix.length);
        return out;
    }

    /** Key press and release per character, shift around capitals and symbols, Enter at the end. */
    private byte[] keys(String text) {
        ByteBuffer out = ByteBuffer.allocate(eventSize * (text.length() * 4 + 2)).order(ByteOrder.nativeOrder());
        for (char c : text.toCharArray()) {
            int[] key = EvdevFramer.keyFor(c);
            if (key[1] == 1) {
                event(out, EvdevFramer.KEY_LEFTSHIFT, 1);
            }
            event(out, key[0], 1);
            event(out, key[0], 0);
            if (key[1] == 1) {
                event(out, EvdevFramer.KEY_LEFTSHIFT, 0);
            }
        }
        event(out, EvdevFramer.KEY_ENTER, 1);
        event(out, EvdevFramer.KEY_ENTER, 0);
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    private void event(ByteBuffer out, int key, int value) {
        int start = out.position();
        out.position(start + eventSize - 8);
        out.putShort((short) EvdevFramer.EV_KEY).putShort((short) key).putInt(value);
    }

    /** One plugged-in session of the line, as the driver reads it. */
    private final class Line implements SerialLink {
        private byte[] pending = new byte[0];
        private int at;

        @Override
        public void write(byte[] bytes) throws IOException {
            gone();
        }

        @Override
        public int read(byte[] buffer, int timeoutMs) throws IOException {
            gone();
            if (at == pending.length) {
                try {
                    byte[] next = line.poll(timeoutMs, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        gone();
                        return 0;
                    }
                    pending = next;
                    at = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            int n = Math.min(buffer.length, pending.length - at);
            System.arraycopy(pending, at, buffer, 0, n);
            at += n;
            return n;
        }

        private void gone() throws IOException {
            if (!plugged || closed) {
                throw new IOException("simulated scanner unplugged");
            }
        }

        @Override
        public void drain() {
            line.clear();
            at = pending.length;
        }

        @Override
        public void close() {
            // nothing to release: the line lives as long as the twin
        }
    }
}
