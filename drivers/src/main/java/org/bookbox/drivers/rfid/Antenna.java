package org.bookbox.drivers.rfid;

import java.util.List;

/** One antenna of an HF (ISO 15693) reader: what is in its field, and what a tag holds. */
public interface Antenna {

    /** Most ISO 15693 tags have 4-byte blocks. */
    int BLOCK_SIZE = 4;

    /** The UIDs of the tags in the field now. */
    List<TagUid> inventory() throws ReaderException;

    /** How much user memory the tag has (ISO 15693 Get System Information). */
    MemorySize memorySize(TagUid uid) throws ReaderException;

    /**
     * {@code count} blocks from {@code firstBlock}, in memory order (a driver undoes any reversal), in
     * as few exchanges as its reader allows.
     */
    byte[] readBlocks(TagUid uid, int firstBlock, int count) throws ReaderException;

    /** Writes the tag's AFI: the library's theft-detection state. */
    void writeAfi(TagUid uid, int afi) throws ReaderException;

    /**
     * Turns the NXP ICODE EAS bit on (SET_EAS 0xA2): security for installations that use EAS
     * instead of the AFI. A tag without EAS answers {@link ReaderException#notSupported()}.
     */
    void setEas(TagUid uid) throws ReaderException;

    /** Turns the NXP ICODE EAS bit off (RESET_EAS 0xA3): a book leaving on loan, where tags use EAS. */
    void resetEas(TagUid uid) throws ReaderException;
}
