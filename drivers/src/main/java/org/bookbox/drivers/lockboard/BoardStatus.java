package org.bookbox.drivers.lockboard;

/**
 * One board's contacts: the hook (lock/door contact) and the optional presence sensor of each of
 * its 16 locks, as bits (bit 0 = lock 1).
 */
public record BoardStatus(int hooks, int presence) {

    public boolean hook(int lock) {
        return (hooks >>> (lock - 1) & 1) != 0;
    }

    public boolean presence(int lock) {
        return (presence >>> (lock - 1) & 1) != 0;
    }

    /** From a status reply's data: hook 1-8, hook 9-16, ir 1-8, ir 9-16. */
    static BoardStatus of(byte[] data) {
        if (data.length != 4) {
            throw new IllegalArgumentException("a status reply holds 4 bytes of contacts, got " + data.length);
        }
        return new BoardStatus((data[0] & 0xFF) | (data[1] & 0xFF) << 8, (data[2] & 0xFF) | (data[3] & 0xFF) << 8);
    }

    public byte[] bytes() {
        return new byte[] {(byte) hooks, (byte) (hooks >>> 8), (byte) presence, (byte) (presence >>> 8)};
    }
}
