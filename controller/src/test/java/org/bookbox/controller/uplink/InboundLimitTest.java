package org.bookbox.controller.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The broker's byte stream through the limit, packet by packet as MQTT 3.1.1 frames them. */
class InboundLimitTest {

    /** A PUBLISH packet: fixed header, topic, packet id (QoS 1), payload. */
    static byte[] publish(String topic, int packetId, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        body.write(t.length >>> 8);
        body.write(t.length);
        body.writeBytes(t);
        body.write(packetId >>> 8);
        body.write(packetId);
        body.writeBytes(payload);
        return packet(0x32, body.toByteArray());
    }

    static byte[] packet(int first, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        int r = body.length;
        do {
            int d = r % 128;
            r /= 128;
            out.write(r > 0 ? d | 0x80 : d);
        } while (r > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] readAll(InputStream in, int chunk) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        int n;
        while ((n = in.read(buf, 0, chunk)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void smallPacketsPassByteForByteAndALargePublishIsCutToItsTopicIdAndSize() throws Exception {
        byte[] small = publish("consortium/c/device/d/command", 7, "eyJhbGciOi...".getBytes(StandardCharsets.US_ASCII));
        byte[] big = publish("consortium/c/device/d/command", 8, new byte[20 << 20]);
        byte[] ping = {(byte) 0xD0, 0x00};
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(small);
        wire.writeBytes(big);
        wire.writeBytes(ping);
        for (int chunk : new int[] {1, 7, 8192}) {
            byte[] got = readAll(new InboundLimit(new ByteArrayInputStream(wire.toByteArray()), 64 * 1024), chunk);
            byte[] expected = concat(small, publish("consortium/c/device/d/command", 8,
                    (InboundLimit.MARKER + (2 + 29 + 2 + (20 << 20))).getBytes(StandardCharsets.ISO_8859_1)), ping);
            assertArrayEquals(expected, got, "read in chunks of " + chunk);
        }
    }

    @Test
    void theMarkerSaysHowLargeTheMessageWas() {
        assertEquals(12345, InboundLimit.oversized((InboundLimit.MARKER + 12345).getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(-1, InboundLimit.oversized("eyJhbGciOi".getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + p.length);
            System.arraycopy(p, 0, out, at, p.length);
        }
        return out;
    }
}
