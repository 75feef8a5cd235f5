package org.bookbox.drivers.rfid.iso28560;

/** CRC-16/CCITT as ISO 28560-3 uses it: polynomial 0x1021, initial 0xFFFF, not reflected, no final XOR. */
public final class Crc16Ccitt {

    private Crc16Ccitt() {
    }

    public static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }

    public static int of(byte[] data) {
        return of(data, 0, data.length);
    }
}
