package org.bookbox.drivers.rfid.iso28560;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * ISO 28560-2, the object-based data model in ISO/IEC 15962 encoding: a sequence of data sets,
 * each a precursor (bit 7 offset flag, bits 6-4 compaction, bits 3-0 relative OID), an offset byte
 * when flagged, a length byte, the compacted data and the pad bytes; a zero byte ends the list.
 *
 * <p>UNCONFIRMED (see docs/protocols.md): relative OIDs of 15 and above are taken as escaped by precursor OID
 * bits 1111 and a following byte holding OID - 15; set information as the digits
 * parts-then-part ({@code "0301"}: part 1 of 3) or two octets; type of usage as a byte whose high
 * nibble is the ISO 28560-3 value when above 15.
 */
public final class ObjectDataModel {

    public static final int PRIMARY_ITEM_ID = 1;
    public static final int CONTENT_PARAMETER = 2;
    public static final int OWNER_ISIL = 3;
    public static final int SET_INFORMATION = 4;
    public static final int TYPE_OF_USAGE = 5;
    /** Compaction scheme 0: application-defined (ISO 28560-2 uses it for the owner's ISIL compaction). */
    static final int APPLICATION_DEFINED = 0;

    private ObjectDataModel() {
    }

    /** The data sets of a tag, by relative OID, values decompacted to text. */
    public static Map<Integer, String> dataSets(byte[] m) {
        return dataSets(m, new LinkedHashMap<>());
    }

    /** The same, and the compaction scheme of each data set into {@code compactions}. */
    static Map<Integer, String> dataSets(byte[] m, Map<Integer, Integer> compactions) {
        Map<Integer, String> sets = new LinkedHashMap<>();
        int i = 0;
        while (i < m.length && m[i] != 0) {
            int precursor = m[i++] & 0xFF;
            boolean offset = (precursor & 0x80) != 0;
            int compaction = (precursor >>> 4) & 0x07;
            int oid = precursor & 0x0F;
            if (oid == 0x0F) {
                oid = 15 + (m[i++] & 0xFF);
            }
            int pad = offset ? m[i++] & 0xFF : 0;
            int length = m[i++] & 0xFF;
            if (i + length + pad > m.length) {
                throw new IllegalArgumentException("data set of OID " + oid + " runs past the end of memory");
            }
            byte[] data = Arrays.copyOfRange(m, i, i + length);
            i += length + pad;
            compactions.put(oid, compaction);
            if (sets.put(oid, decompact(compaction, data)) != null) {
                throw new IllegalArgumentException("OID " + oid + " appears twice");
            }
        }
        return sets;
    }

    public static TagDecoding decode(byte[] memory) {
        Map<Integer, String> sets;
        Map<Integer, Integer> compactions = new LinkedHashMap<>();
        try {
            sets = dataSets(memory, compactions);
        } catch (RuntimeException e) {
            return TagDecoding.bad("not ISO 28560-2: " + (e.getMessage() == null ? "truncated data set" : e.getMessage()));
        }
        // application-defined compaction (0) is not decoded: its text would be bits, a wrong value, never an identifier
        if (compactions.getOrDefault(PRIMARY_ITEM_ID, -1) == APPLICATION_DEFINED) {
            return TagDecoding.bad("ISO 28560-2 primary item identifier in application-defined compaction, which is not decoded");
        }
        boolean ownerUndecoded = compactions.getOrDefault(OWNER_ISIL, -1) == APPLICATION_DEFINED;
        if (ownerUndecoded) {
            sets.remove(OWNER_ISIL);
        }
        String id = sets.get(PRIMARY_ITEM_ID);
        if (id == null || id.isEmpty()) {
            return TagDecoding.bad("ISO 28560-2 data without a primary item identifier");
        }
        int parts = 1;
        int part = 1;
        String set = sets.get(SET_INFORMATION);
        if (set != null) {
            // at most three digits each: a set has at most 255 parts
            if (!set.matches("\\d{2,6}") || set.length() % 2 != 0) {
                return TagDecoding.bad("set information '" + printable(set) + "' is not parts-then-part digits");
            }
            parts = Integer.parseInt(set.substring(0, set.length() / 2));
            part = Integer.parseInt(set.substring(set.length() / 2));
            if (parts < 1 || part < 1 || part > parts) {
                return TagDecoding.bad("set information '" + set + "' names part " + part + " of " + parts);
            }
        }
        int usage = LibraryItem.USAGE_CIRCULATING;
        String u = sets.get(TYPE_OF_USAGE);
        if (u != null) {
            // a value from the tag is text until it proves to be a number (a misprogrammed tag says anything)
            if (!u.matches("\\d{1,3}") || Integer.parseInt(u) > 255) {
                return TagDecoding.bad("type of usage '" + printable(u) + "' is not a number from 0 to 255");
            }
            int v = Integer.parseInt(u);
            usage = v > 15 ? v >>> 4 : v;
        }
        LibraryItem item = new LibraryItem(usage, parts, part, id, sets.get(OWNER_ISIL));
        return ownerUndecoded
                ? TagDecoding.ownerUnreadable(item, false, "owner in application-defined compaction (ISO 28560-2's ISIL compaction), which is not decoded")
                : TagDecoding.ok(item, false);
    }

    /**
     * The tag memory for an item in ISO 28560-2: primary item identifier, owner, set information
     * (for part of a set) and type of usage (when not circulating), each in the most compact scheme
     * that holds it exactly, then the terminating zero. The inverse of {@link #decode}.
     */
    public static byte[] encode(LibraryItem item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dataSet(out, PRIMARY_ITEM_ID, item.itemId());
        if (item.ownerIsil() != null) {
            dataSet(out, OWNER_ISIL, item.ownerIsil());
        }
        if (item.partOfSet()) {
            int width = Math.max(2, String.valueOf(item.partsInItem()).length());
            dataSet(out, SET_INFORMATION, String.format("%0" + width + "d%0" + width + "d", item.partsInItem(), item.partNumber()));
        }
        if (item.usage() != LibraryItem.USAGE_CIRCULATING) {
            dataSet(out, TYPE_OF_USAGE, String.valueOf(item.usage()));
        }
        out.write(0);
        return out.toByteArray();
    }

    private static void dataSet(ByteArrayOutputStream out, int oid, String value) {
        int compaction = compactionFor(value);
        byte[] data = compact(compaction, value);
        if (data.length > 255) {
            throw new IllegalArgumentException("OID " + oid + " holds more than 255 bytes");
        }
        out.write(compaction << 4 | oid);
        out.write(data.length);
        out.writeBytes(data);
    }

    /** Integer, 5-, 6- or 7-bit code, octets or UTF-8: the first that gives the value back exactly. */
    static int compactionFor(String v) {
        if (v.matches("[1-9][0-9]{0,17}")) {
            return 1;
        }
        boolean trailingPad = v.endsWith(" ") || v.endsWith("\u007f");
        if (!trailingPad && v.chars().allMatch(c -> c >= 0x41 && c <= 0x5F)) {
            return 3;
        }
        if (!trailingPad && v.chars().allMatch(c -> c >= 0x20 && c <= 0x5F)) {
            return 4;
        }
        if (!trailingPad && v.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            return 5;
        }
        return v.chars().allMatch(c -> c >= 0x20 && c <= 0x7E) ? 6 : 7;
    }

    static byte[] compact(int compaction, String v) {
        return switch (compaction) {
            case 1 -> {
                byte[] b = new BigInteger(v).toByteArray();
                yield b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
            }
            // padding is what the decoder drops: no character (5-bit), spaces (6-bit), DEL (7-bit)
            case 3 -> pack(v, 5, c -> c & 0x1F, 0);
            case 4 -> pack(v, 6, c -> c & 0x3F, 0x20);
            case 5 -> pack(v, 7, c -> c, 0x7F);
            case 7 -> v.getBytes(StandardCharsets.UTF_8);
            default -> v.getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static byte[] pack(String v, int width, IntUnaryOperator code, int pad) {
        int bits = v.length() * width;
        byte[] out = new byte[(bits + 7) / 8];
        int at = 0;
        for (int i = 0; i < v.length(); i++) {
            at = put(out, at, code.applyAsInt(v.charAt(i)), width);
        }
        while (at < out.length * 8) {
            at = put(out, at, pad, width); // bits past the end are cut off
        }
        return out;
    }

    private static int put(byte[] out, int at, int value, int width) {
        for (int k = width - 1; k >= 0 && at < out.length * 8; k--, at++) {
            if ((value >>> k & 1) != 0) {
                out[at / 8] |= (byte) (0x80 >>> (at % 8));
            }
        }
        return at;
    }

    /** A value from a tag, safe to put in a message: control characters shown as {@code ?}, at most 40 characters. */
    private static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return t.replaceAll("[\\p{Cntrl}]", "?");
    }

    static String decompact(int compaction, byte[] data) {
        return switch (compaction) {
            case 1, 2 -> new BigInteger(1, data).toString();
            case 3 -> packed(data, 5, 0x40);
            case 4 -> packed(data, 6, -1);
            case 5 -> packed(data, 7, 0);
            case 7 -> utf8(data);
            case 0 -> bits(data);
            default -> octets(data);
        };
    }

    /** Characters packed into {@code width} bits each; trailing bits that make no whole character are padding. */
    private static String packed(byte[] data, int width, int base) {
        StringBuilder out = new StringBuilder();
        int total = data.length * 8;
        for (int bit = 0; bit + width <= total; bit += width) {
            int v = 0;
            for (int k = 0; k < width; k++) {
                int b = bit + k;
                v = v << 1 | ((data[b / 8] >>> (7 - b % 8)) & 1);
            }
            char c = switch (width) {
                case 5 -> v == 0 ? 0 : (char) (base | v);
                case 6 -> (char) (v < 0x20 ? v + 0x40 : v);
                default -> (char) v;
            };
            if (c != 0) {
                out.append(c);
            }
        }
        // 6- and 7-bit packings pad with all-ones or spaces: nothing printable is lost by trimming
        return out.toString().replaceAll("[\\x7f ]+$", "");
    }

    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("UTF-8 data set is not UTF-8");
        }
    }

    private static String octets(byte[] data) {
        for (byte b : data) {
            if (b < 0x20 || b > 0x7E) {
                return HexFormat.of().formatHex(data);
            }
        }
        return new String(data, StandardCharsets.US_ASCII);
    }

    private static String bits(byte[] data) {
        StringBuilder s = new StringBuilder();
        for (byte b : data) {
            s.append(String.format("%8s", Integer.toBinaryString(b & 0xFF)).replace(' ', '0'));
        }
        return s.toString();
    }
}
