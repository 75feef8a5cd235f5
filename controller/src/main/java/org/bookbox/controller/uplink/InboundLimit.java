package org.bookbox.controller.uplink;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes from the broker, with every PUBLISH whose packet is larger than the limit cut down on
 * the way in: its topic and packet id are kept, its payload is skipped as it streams past and
 * replaced by {@link #MARKER} and the size. Paho then never holds a 20 MB message in a 96 MB heap;
 * it sees a small message, hands it to the uplink (which refuses it) and acknowledges it, so a poison
 * message is not redelivered after every reconnect. Every other packet passes byte for byte.
 */
final class InboundLimit extends FilterInputStream {

    /** What an oversized message's payload becomes; no JWS starts with a NUL. */
    static final String MARKER = "\0bookbox:too-large:";
    private static final int PUBLISH = 3;

    private final long limit;
    /** Bytes of the current packet still to pass through unchanged. */
    private long passing;
    /** A rewritten packet (header and all) being handed out. */
    private byte[] replaced;
    private int at;

    InboundLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** Whether a payload is the stand-in for an oversized message, and then how large the message was. */
    static long oversized(byte[] payload) {
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        if (!text.startsWith(MARKER)) {
            return -1;
        }
        try {
            return Long.parseLong(text.substring(MARKER.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (replaced != null) {
            int n = Math.min(len, replaced.length - at);
            System.arraycopy(replaced, at, b, off, n);
            at += n;
            if (at == replaced.length) {
                replaced = null;
            }
            return n;
        }
        if (passing > 0) {
            int n = in.read(b, off, (int) Math.min(len, passing));
            if (n > 0) {
                passing -= n;
            }
            return n;
        }
        return nextPacket(b, off, len);
    }

    /** Reads the next fixed header and decides: pass the packet through, or cut it down. */
    private int nextPacket(byte[] b, int off, int len) throws IOException {
        int first = in.read();
        if (first < 0) {
            return -1;
        }
        byte[] header = new byte[5];
        header[0] = (byte) first;
        int h = 1;
        long remaining = 0;
        int shift = 0;
        int digit;
        do {
            digit = readByte();
            header[h++] = (byte) digit;
            remaining |= (long) (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0 && h < 5);
        if (((first >>> 4) & 0x0F) == PUBLISH && h + remaining > limit) {
            replaced = cutDown(first, remaining);
            at = 0;
            return read(b, off, len);
        }
        passing = remaining;
        replaced = Arrays.copyOf(header, h);
        at = 0;
        return read(b, off, len);
    }

    /** The same PUBLISH (flags, topic, packet id) with the marker for a payload; the real payload is skipped. */
    private byte[] cutDown(int first, long remaining) throws IOException {
        int topicLength = readByte() << 8 | readByte();
        byte[] topic = readFully(topicLength);
        int qos = (first >>> 1) & 0x03;
        byte[] packetId = qos > 0 ? readFully(2) : new byte[0];
        long payload = remaining - 2 - topicLength - packetId.length;
        skipFully(payload);
        byte[] marker = (MARKER + remaining).getBytes(StandardCharsets.ISO_8859_1); // the packet's size after its fixed header
        int newRemaining = 2 + topicLength + packetId.length + marker.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(newRemaining + 5);
        out.write(first);
        int r = newRemaining;
        do {
            int d = r % 128;
            r /= 128;
            out.write(r > 0 ? d | 0x80 : d);
        } while (r > 0);
        out.write(topicLength >>> 8);
        out.write(topicLength);
        out.write(topic);
        out.write(packetId);
        out.write(marker);
        return out.toByteArray();
    }

    private int readByte() throws IOException {
        byte[] one = new byte[1];
        readMidPacket(one, 0, 1);
        return one[0] & 0xFF;
    }

    private byte[] readFully(int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            got += readMidPacket(out, got, n - got);
        }
        return out;
    }

    private void skipFully(long n) throws IOException {
        byte[] sink = new byte[8192];
        while (n > 0) {
            n -= readMidPacket(sink, 0, (int) Math.min(sink.length, n));
        }
    }

    /**
     * Reads inside a packet: a socket time-out here (Paho reads with one, to notice a stop) is waited
     * out, since the bytes already taken of this packet could not be given back.
     */
    private int readMidPacket(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int got = in.read(b, off, len);
                if (got < 0) {
                    throw new EOFException("the broker closed the connection mid-packet");
                }
                if (got > 0) {
                    return got;
                }
            } catch (SocketTimeoutException e) {
                // the rest of the packet is on its way
            }
        }
    }

    @Override
    public int available() throws IOException {
        return replaced != null ? replaced.length - at : (int) Math.min(passing, in.available());
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
