package org.bookbox.drivers.rfid.feig;

/** The ISO-Host frame CRC: CRC-16, reflected polynomial 0x8408, initial 0xFFFF, no final XOR. */
public final class FeigCrc {

    private FeigCrc() {
    }

    public static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
        }
        return crc;
    }
}
