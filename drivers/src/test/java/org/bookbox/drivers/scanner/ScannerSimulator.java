package org.bookbox.drivers.scanner;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The device side of a scanner: what a USB-serial QR scanner writes for a code (prefix, text,
 * suffix), and what a keyboard-wedge one writes as input events.
 */
final class ScannerSimulator {

    private ScannerSimulator() {
    }

    static void serial(Path line, String bytes) throws IOException {
        try (FileOutputStream out = new FileOutputStream(line.toFile())) {
            out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * The events a HID keyboard sends for a text then Enter, each key as MSC_SCAN, EV_KEY, EV_SYN,
     * as {@code evtest} shows a real scanner's.
     */
    static byte[] evdev(String text, int eventSize) {
        ByteBuffer b = ByteBuffer.allocate((text.length() + 1) * 12 * eventSize).order(ByteOrder.nativeOrder());
        long usec = 0;
        for (char c : (text + "\n").toCharArray()) {
            int[] key = c == '\n' ? new int[] {EvdevFramer.KEY_ENTER, 0} : EvdevFramer.keyFor(c);
            if (key[1] == 1) {
                event(b, eventSize, usec++, 1, EvdevFramer.KEY_LEFTSHIFT, 1);
            }
            event(b, eventSize, usec++, 4, 4, 0x70000 + key[0]); // EV_MSC MSC_SCAN
            event(b, eventSize, usec++, 1, key[0], 1);
            event(b, eventSize, usec++, 0, 0, 0); // EV_SYN
            event(b, eventSize, usec++, 1, key[0], 0);
            event(b, eventSize, usec++, 0, 0, 0);
            if (key[1] == 1) {
                event(b, eventSize, usec++, 1, EvdevFramer.KEY_LEFTSHIFT, 0);
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static void event(ByteBuffer b, int size, long usec, int type, int code, int value) {
        if (size == 24) {
            b.putLong(1_795_564_800L).putLong(usec);
        } else {
            b.putInt(1_795_564_800).putInt((int) usec);
        }
        b.putShort((short) type).putShort((short) code).putInt(value);
    }
}
