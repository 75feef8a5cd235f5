package org.bookbox.drivers.rfid.iso28560;

/**
 * The result of decoding a tag: an item, or why there is none. Never an exception: an odd tag in
 * a drop box is a fact to record, not a fault.
 *
 * @param blocksReversed the reader returned each 4-byte block byte-reversed
 */
public record TagDecoding(LibraryItem item, boolean blocksReversed, String problem) {

    static TagDecoding ok(LibraryItem item, boolean reversed) {
        return new TagDecoding(item, reversed, null);
    }

    static TagDecoding bad(String problem) {
        return new TagDecoding(null, false, problem);
    }

    public boolean ok() {
        return item != null;
    }
}
