package org.bookbox.drivers.rfid;

/**
 * How much user memory a tag has, as its Get System Information answer says: library tags run from
 * 8 blocks (32 bytes) to 28 (112 bytes) and beyond, in blocks of 4 bytes, some makers' of 8.
 */
public record MemorySize(int blocks, int blockSize) {

    /** ISO 15693 addresses at most 256 blocks of at most 32 bytes. */
    public MemorySize {
        if (blocks < 1 || blocks > 256 || blockSize < 1 || blockSize > 32) {
            throw new IllegalArgumentException("a tag of " + blocks + " blocks of " + blockSize + " bytes is not an ISO 15693 tag");
        }
    }

    public int bytes() {
        return blocks * blockSize;
    }
}
