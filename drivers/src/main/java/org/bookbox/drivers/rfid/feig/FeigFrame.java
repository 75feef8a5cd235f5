package org.bookbox.drivers.rfid.feig;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One advanced-protocol frame: {@code 02 | length (2, big-endian, whole frame) | address | command |
 * data | CRC (2, low byte first)}. A response's data starts with its status byte.
 */
public record FeigFrame(int address, int command, byte[] data) {

    public static final int STX = 0x02;
    public static final int ANY_ADDRESS = 0xFF;
    /** STX, two length bytes, address, command, two CRC bytes. */
    public static final int OVERHEAD = 7;

    public byte[] encode() {
        int length = OVERHEAD + data.length;
        byte[] f = new byte[length];
        f[0] = STX;
        f[1] = (byte) (length >>> 8);
        f[2] = (byte) length;
        f[3] = (byte) address;
        f[4] = (byte) command;
        System.arraycopy(data, 0, f, 5, data.length);
        int crc = FeigCrc.of(f, 0, length - 2);
        f[length - 2] = (byte) crc;
        f[length - 1] = (byte) (crc >>> 8);
        return f;
    }

    /**
     * Decodes a whole frame.
     *
     * @throws IllegalArgumentException naming what is wrong: a garbled frame is never half-believed
     */
    public static FeigFrame decode(byte[] f) {
        if (f.length < OVERHEAD || (f[0] & 0xFF) != STX) {
            throw new IllegalArgumentException("not an advanced frame: " + HexFormat.of().formatHex(f));
        }
        int length = (f[1] & 0xFF) << 8 | (f[2] & 0xFF);
        if (length != f.length) {
            throw new IllegalArgumentException("frame says " + length + " bytes, got " + f.length);
        }
        int crc = (f[length - 2] & 0xFF) | (f[length - 1] & 0xFF) << 8;
        if (crc != FeigCrc.of(f, 0, length - 2)) {
            throw new IllegalArgumentException("CRC mismatch in " + HexFormat.of().formatHex(f));
        }
        return new FeigFrame(f[3] & 0xFF, f[4] & 0xFF, Arrays.copyOfRange(f, 5, length - 2));
    }

    /** How many bytes the frame starting in {@code head} (at least 3 bytes) has in all. */
    public static int lengthOf(byte[] head) {
        return (head[1] & 0xFF) << 8 | (head[2] & 0xFF);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(encode());
    }
}
