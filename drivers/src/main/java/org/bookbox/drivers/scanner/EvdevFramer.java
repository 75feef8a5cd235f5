package org.bookbox.drivers.scanner;

import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Keyboard-wedge framing: {@code struct input_event} records (24 bytes on 64-bit Linux, 16 on
 * 32-bit ARM) turned into text with the US layout and shift; a code ends at Enter.
 */
public final class EvdevFramer implements CodeFramer {

    public static final int EV_KEY = 1;
    public static final int KEY_ENTER = 28;
    public static final int KEY_KPENTER = 96;
    public static final int KEY_LEFTSHIFT = 42;
    public static final int KEY_RIGHTSHIFT = 54;

    /** Key codes 0..98 of linux/input-event-codes.h: unshifted and shifted characters, 0 for none. */
    private static final String PLAIN =
            "\0\0" + "1234567890-=" + "\0\0" + "qwertyuiop[]" + "\0\0" + "asdfghjkl;'`" + "\0\\" + "zxcvbnm,./"
                    + "\0*\0 \0" + "\0\0\0\0\0\0\0\0\0\0" + "\0\0" + "789-456+1230.";
    private static final String SHIFTED =
            "\0\0" + "!@#$%^&*()_+" + "\0\0" + "QWERTYUIOP{}" + "\0\0" + "ASDFGHJKL:\"~" + "\0|" + "ZXCVBNM<>?"
                    + "\0*\0 \0" + "\0\0\0\0\0\0\0\0\0\0" + "\0\0" + "789-456+1230.";

    private final int eventSize;
    private final ByteBuffer pending;
    private final StringBuilder code = new StringBuilder();
    private boolean leftShift;
    private boolean rightShift;

    /** @param eventSize 24 on 64-bit Linux, 16 on 32-bit */
    public EvdevFramer(int eventSize) {
        if (eventSize != 24 && eventSize != 16) {
            throw new IllegalArgumentException("an input_event is 24 or 16 bytes, not " + eventSize);
        }
        this.eventSize = eventSize;
        this.pending = ByteBuffer.allocate(eventSize * 64).order(ByteOrder.nativeOrder());
    }

    /** The size of {@code struct input_event} on this machine. */
    public static int nativeEventSize() {
        return Native.LONG_SIZE == 8 ? 24 : 16;
    }

    @Override
    public void accept(byte[] buffer, int length, Consumer<String> codes) {
        int offset = 0;
        while (offset < length) {
            int take = Math.min(pending.remaining(), length - offset);
            pending.put(buffer, offset, take);
            offset += take;
            pending.flip();
            while (pending.remaining() >= eventSize) {
                int start = pending.position();
                int type = pending.getShort(start + eventSize - 8) & 0xFFFF;
                int key = pending.getShort(start + eventSize - 6) & 0xFFFF;
                int value = pending.getInt(start + eventSize - 4);
                pending.position(start + eventSize);
                if (type == EV_KEY) {
                    key(key, value, codes);
                }
            }
            pending.compact();
        }
    }

    private void key(int key, int value, Consumer<String> codes) {
        if (key == KEY_LEFTSHIFT) {
            leftShift = value != 0;
        } else if (key == KEY_RIGHTSHIFT) {
            rightShift = value != 0;
        } else if (value == 1) {
            if (key == KEY_ENTER || key == KEY_KPENTER) {
                if (!code.isEmpty()) {
                    codes.accept(code.toString());
                }
                code.setLength(0);
            } else if (key < PLAIN.length()) {
                char c = (leftShift || rightShift ? SHIFTED : PLAIN).charAt(key);
                if (c != 0 && code.length() < SuffixFramer.MAX_CODE) {
                    code.append(c);
                }
            }
        }
    }

    /** The events a scanner sends for one character: shift press when needed, key press, key release, shift release. */
    public static int[] keyFor(char c) {
        int i = PLAIN.indexOf(c);
        if (i > 0 && c != 0) {
            return new int[] {i, 0};
        }
        i = SHIFTED.indexOf(c);
        if (i > 0 && c != 0) {
            return new int[] {i, 1};
        }
        throw new IllegalArgumentException("no US key for '" + c + "'");
    }
}
