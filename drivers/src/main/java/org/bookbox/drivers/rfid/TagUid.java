package org.bookbox.drivers.rfid;

import java.util.HexFormat;
import java.util.Locale;

/** An ISO 15693 tag's 8-byte UID, most significant byte first (E0 ...), as events carry it in hex. */
public record TagUid(long value) {

    public static TagUid parse(String hex) {
        String h = hex.trim().toLowerCase(Locale.ROOT);
        if (h.length() != 16 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a tag UID is 16 hex digits, got '" + hex + "'");
        }
        long v = Long.parseUnsignedLong(h, 16);
        if ((v >>> 56) != 0xE0) {
            throw new IllegalArgumentException("an ISO 15693 UID starts with E0, got '" + hex + "'");
        }
        return new TagUid(v);
    }

    public byte[] bytes() {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (56 - 8 * i));
        }
        return b;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes());
    }

    @Override
    public String toString() {
        return hex();
    }
}
