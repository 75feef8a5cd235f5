package org.bookbox.drivers.lockboard;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A frame of the RS-485 "CU" lock-control boards: {@code 02 | addr | cmd | [data] | 03 | sum}, sum
 * being the byte sum of everything before it. The address holds the board in its high nibble and
 * the lock (0-15, that is locks 1-16) in its low nibble.
 */
public record CuFrame(int address, int command, byte[] data) {

    public static final int STX = 0x02;
    public static final int ETX = 0x03;
    public static final int STATUS = 0x30;
    public static final int UNLOCK = 0x31;
    public static final int STATUS_ALL = 0x32;
    public static final int SET_UNLOCK_TIME = 0x37;

    public static int address(int board, int lock) {
        if (board < 0 || board > 15 || lock < 1 || lock > 16) {
            throw new IllegalArgumentException("board 0-15 and lock 1-16, got board " + board + " lock " + lock);
        }
        return board << 4 | (lock - 1);
    }

    public int board() {
        return address >>> 4;
    }

    public byte[] encode() {
        byte[] f = new byte[data.length + 5];
        f[0] = STX;
        f[1] = (byte) address;
        f[2] = (byte) command;
        System.arraycopy(data, 0, f, 3, data.length);
        f[f.length - 2] = ETX;
        f[f.length - 1] = (byte) sum(f, f.length - 1);
        return f;
    }

    /** Decodes a whole frame; a garbled one is named, never half-believed. */
    public static CuFrame decode(byte[] f) {
        if (f.length < 5 || (f[0] & 0xFF) != STX || (f[f.length - 2] & 0xFF) != ETX) {
            throw new IllegalArgumentException("not a CU frame: " + HexFormat.of().formatHex(f));
        }
        if ((f[f.length - 1] & 0xFF) != sum(f, f.length - 1)) {
            throw new IllegalArgumentException("checksum mismatch in " + HexFormat.of().formatHex(f));
        }
        return new CuFrame(f[1] & 0xFF, f[2] & 0xFF, Arrays.copyOfRange(f, 3, f.length - 2));
    }

    static int sum(byte[] f, int length) {
        int s = 0;
        for (int i = 0; i < length; i++) {
            s += f[i] & 0xFF;
        }
        return s & 0xFF;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(encode());
    }
}
