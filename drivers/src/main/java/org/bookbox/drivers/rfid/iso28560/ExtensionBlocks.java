package org.bookbox.drivers.rfid.iso28560;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ISO 28560-3 extension blocks, after the 34-byte basic block: each {@code <length><block id, 2 bytes
 * LSB first><XOR checksum><data>}, the length counting the whole block; length 0 ends the list,
 * length 1 is a filler byte; the XOR of all bytes of a block, checksum included, is 0.
 * UNCONFIRMED (docs/protocols.md): that the length counts the length byte itself.
 */
public final class ExtensionBlocks {

    /** Where the extension blocks begin: after the basic block. */
    public static final int START = 34;

    /** One extension block: its id and its data. */
    public record Block(int id, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Block b && b.id == id && Arrays.equals(b.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * id + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "block " + id + " (" + data.length + " bytes)";
        }
    }

    /** The blocks read, and why the reading stopped early (or null). */
    public record Read(List<Block> blocks, String problem) {
        public static final Read NONE = new Read(List.of(), null);

        /** The ids of the blocks, in the tag's order. */
        public List<Integer> ids() {
            return blocks.stream().map(Block::id).toList();
        }
    }

    private ExtensionBlocks() {
    }

    /** The extension blocks of a tag's memory (in memory order); a block that does not check stops the list, with why. */
    public static Read read(byte[] memory) {
        List<Block> blocks = new ArrayList<>();
        int i = START;
        while (i < memory.length) {
            int length = memory[i] & 0xFF;
            if (length == 0) {
                break;
            }
            if (length == 1) {
                i++;
                continue;
            }
            if (length < 4 || i + length > memory.length) {
                return new Read(List.copyOf(blocks), "extension block at byte " + i + " of length " + length + " does not fit the tag");
            }
            int xor = 0;
            for (int k = i; k < i + length; k++) {
                xor ^= memory[k] & 0xFF;
            }
            if (xor != 0) {
                return new Read(List.copyOf(blocks), "extension block at byte " + i + " fails its checksum");
            }
            int id = (memory[i + 1] & 0xFF) | (memory[i + 2] & 0xFF) << 8;
            blocks.add(new Block(id, Arrays.copyOfRange(memory, i + 4, i + length)));
            i += length;
        }
        return new Read(List.copyOf(blocks), null);
    }

    /** The bytes of extension blocks, each with its checksum, and the ending zero. */
    public static byte[] encode(List<Block> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Block b : blocks) {
            int length = 4 + b.data().length;
            if (length > 255 || b.id() < 0 || b.id() > 0xFFFF) {
                throw new IllegalArgumentException(b + " does not fit an extension block");
            }
            int xor = length ^ (b.id() & 0xFF) ^ (b.id() >>> 8);
            for (byte d : b.data()) {
                xor ^= d & 0xFF;
            }
            out.write(length);
            out.write(b.id() & 0xFF);
            out.write(b.id() >>> 8);
            out.write(xor);
            out.writeBytes(b.data());
        }
        out.write(0);
        return out.toByteArray();
    }
}
