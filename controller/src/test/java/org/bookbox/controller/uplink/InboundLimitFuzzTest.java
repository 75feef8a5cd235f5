package org.bookbox.controller.uplink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The broker's byte stream is from outside: whatever it holds, {@link InboundLimit} fails only as a
 * stream does (an {@link IOException} for a connection that ends mid-packet), and every PUBLISH it
 * hands on that is over the limit is one it cut: its payload is the marker, not the original.
 */
class InboundLimitFuzzTest {

    static final int LIMIT = 256;

    @FuzzTest(maxDuration = "5m")
    void anyBrokerStreamPassesOrIsCutAndFailsOnlyAsAStream(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 64);
        byte[] wire = data.consumeRemainingAsBytes();
        InputStream in = new InboundLimit(new ByteArrayInputStream(wire), LIMIT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        try {
            int n;
            while ((n = in.read(buf, 0, chunk)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException expected) {
            // a connection that ended mid-packet
        }
        checkPublishes(out.toByteArray());
    }

    /** Walks the packets handed on; a PUBLISH over the limit must carry the marker. */
    static void checkPublishes(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int first = b[i++] & 0xFF;
            long remaining = 0;
            int shift = 0;
            int digits = 0;
            int d;
            do {
                if (i >= b.length) {
                    return;
                }
                d = b[i++] & 0xFF;
                remaining |= (long) (d & 0x7F) << shift;
                shift += 7;
            } while ((d & 0x80) != 0 && ++digits < 4);
            if (i + remaining > b.length) {
                return; // the rest of a packet that did not arrive whole
            }
            if ((first >>> 4) == 3 && 1 + digits + 1 + remaining > LIMIT && remaining >= 2) {
                int topic = (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
                int payloadAt = i + 2 + topic + (((first >>> 1) & 3) > 0 ? 2 : 0);
                String payload = payloadAt <= i + remaining ? new String(b, payloadAt, (int) (i + remaining - payloadAt), StandardCharsets.ISO_8859_1) : "";
                assertTrue(payload.startsWith(InboundLimit.MARKER), "a PUBLISH of " + remaining + " bytes passed uncut");
            }
            i += (int) remaining;
        }
    }
}
