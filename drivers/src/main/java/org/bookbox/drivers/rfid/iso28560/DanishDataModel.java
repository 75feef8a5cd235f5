package org.bookbox.drivers.rfid.iso28560;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * ISO 28560-3, the fixed-length "Danish" data model: the basic block at the start of user memory.
 *
 * <pre>
 *  0      version (high nibble) and type of usage (low nibble)
 *  1      parts in item          2  part number
 *  3-18   primary item identifier, ASCII, 0x00-padded
 *  19-20  CRC, low byte first
 *  21-22  owner country          23-33  rest of the owner ISIL
 * </pre>
 */
public final class DanishDataModel {

    public static final int VERSION = 1;
    private static final int ITEM_ID_LENGTH = 16;
    private static final int BASIC_BLOCK = 34;
    private static final int CRC_INPUT = 32;

    private DanishDataModel() {
    }

    /** Tag memory for an item with extension blocks after its basic block, in whole 4-byte blocks. */
    public static byte[] encode(LibraryItem item, List<ExtensionBlocks.Block> extensions) {
        byte[] basic = Arrays.copyOf(encode(item), ExtensionBlocks.START);
        byte[] blocks = ExtensionBlocks.encode(extensions);
        byte[] memory = Arrays.copyOf(basic, (basic.length + blocks.length + 3) / 4 * 4);
        System.arraycopy(blocks, 0, memory, basic.length, blocks.length);
        return memory;
    }

    /** Tag memory for an item: 8 blocks where the owner ISIL fits, else 9. */
    public static byte[] encode(LibraryItem item) {
        byte[] id = ascii(item.itemId(), "item id");
        if (id.length == 0 || id.length > ITEM_ID_LENGTH) {
            throw new IllegalArgumentException("an ISO 28560-3 item id is 1 to 16 characters, got '" + item.itemId() + "'");
        }
        byte[] country = new byte[0];
        byte[] rest = new byte[0];
        if (item.ownerIsil() != null) {
            int dash = item.ownerIsil().indexOf('-');
            if (dash != 2) {
                throw new IllegalArgumentException("ISO 28560-3 stores an ISIL with a 2-letter country prefix, got '" + item.ownerIsil() + "'");
            }
            country = ascii(item.ownerIsil().substring(0, 2), "owner country");
            rest = ascii(item.ownerIsil().substring(3), "owner ISIL");
            if (rest.length > BASIC_BLOCK - 23) {
                throw new IllegalArgumentException("owner ISIL '" + item.ownerIsil() + "' is too long for ISO 28560-3");
            }
        }
        if (item.usage() < 0 || item.usage() > 15 || item.partsInItem() < 1 || item.partsInItem() > 255
                || item.partNumber() < 1 || item.partNumber() > item.partsInItem()) {
            throw new IllegalArgumentException("usage 0-15 and part 1..parts (at most 255) expected, got " + item);
        }
        byte[] memory = new byte[23 + rest.length <= 32 ? 32 : 36];
        memory[0] = (byte) ((VERSION << 4) | item.usage());
        memory[1] = (byte) item.partsInItem();
        memory[2] = (byte) item.partNumber();
        System.arraycopy(id, 0, memory, 3, id.length);
        System.arraycopy(country, 0, memory, 21, country.length);
        System.arraycopy(rest, 0, memory, 23, rest.length);
        int crc = crc(memory);
        memory[19] = (byte) crc;
        memory[20] = (byte) (crc >>> 8);
        return memory;
    }

    /** The CRC over bytes 0-18 and 21-33, taken as 32 bytes with anything missing as zero. */
    public static int crc(byte[] memory) {
        byte[] input = new byte[CRC_INPUT];
        System.arraycopy(memory, 0, input, 0, Math.min(19, memory.length));
        if (memory.length > 21) {
            System.arraycopy(memory, 21, input, 19, Math.min(BASIC_BLOCK, memory.length) - 21);
        }
        return Crc16Ccitt.of(input);
    }

    /** Decodes user memory, trying block-reversed order when the CRC does not match as read. */
    public static TagDecoding decode(byte[] memory) {
        if (memory.length < 21) {
            return TagDecoding.bad("only " + memory.length + " bytes of user memory, the basic block needs 21");
        }
        boolean reversed = false;
        byte[] data = memory;
        if (storedCrc(memory) != crc(memory)) {
            byte[] swapped = reverseBlocks(memory);
            if (storedCrc(swapped) != crc(swapped)) {
                boolean blank = true;
                for (byte b : memory) {
                    blank &= b == 0;
                }
                return TagDecoding.bad(blank ? "user memory is blank"
                        : String.format("CRC mismatch: stored %04X, computed %04X", storedCrc(memory), crc(memory)));
            }
            data = swapped;
            reversed = true;
        }
        int version = (data[0] & 0xF0) >>> 4;
        if (version != VERSION) {
            return TagDecoding.bad("data model version " + version + " is not ISO 28560-3 version 1");
        }
        int usage = data[0] & 0x0F;
        int parts = data[1] & 0xFF;
        int part = data[2] & 0xFF;
        String itemId = text(data, 3, ITEM_ID_LENGTH);
        if (itemId == null || itemId.isEmpty()) {
            return TagDecoding.bad("primary item identifier is empty or not printable ASCII");
        }
        String owner = null;
        if (data.length > 22 && (data[21] != 0 || data[22] != 0)) {
            String country = text(data, 21, 2);
            String rest = text(data, 23, Math.min(BASIC_BLOCK, data.length) - 23);
            if (country == null || country.length() != 2 || rest == null) {
                return TagDecoding.bad("owner ISIL is not printable ASCII");
            }
            owner = rest.isEmpty() ? country : country + "-" + rest;
        }
        return TagDecoding.ok(new LibraryItem(usage, parts, part, itemId, owner), reversed).with(ExtensionBlocks.read(data));
    }

    private static int storedCrc(byte[] memory) {
        return (memory[19] & 0xFF) | (memory[20] & 0xFF) << 8;
    }

    static byte[] reverseBlocks(byte[] memory) {
        byte[] out = memory.clone();
        for (int block = 0; block + 4 <= out.length; block += 4) {
            for (int i = 0; i < 4; i++) {
                out[block + i] = memory[block + 3 - i];
            }
        }
        return out;
    }

    /** ASCII up to the first 0x00, or null if a byte before it is not printable. */
    private static String text(byte[] data, int offset, int length) {
        int end = offset;
        while (end < offset + length && end < data.length && data[end] != 0) {
            if (data[end] < 0x20 || data[end] > 0x7E) {
                return null;
            }
            end++;
        }
        return new String(Arrays.copyOfRange(data, offset, end), StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s, String what) {
        if (!s.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new IllegalArgumentException(what + " '" + s + "' is not printable ASCII");
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
