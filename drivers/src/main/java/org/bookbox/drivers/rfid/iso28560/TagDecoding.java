package org.bookbox.drivers.rfid.iso28560;

/**
 * The result of decoding a tag: an item, or why there is none. Never an exception: an odd tag in
 * a drop box is a fact to record, not a fault.
 *
 * @param blocksReversed the reader returned each 4-byte block byte-reversed
 * @param problem        why there is no item; with an item, why its owner could not be read (or null)
 * @param extensions     an ISO 28560-3 tag's extension blocks (none for ISO 28560-2)
 */
public record TagDecoding(LibraryItem item, boolean blocksReversed, String problem, ExtensionBlocks.Read extensions) {

    /** An item, its owner checked: an owner that is not an ISIL is null, with the reason. */
    static TagDecoding ok(LibraryItem item, boolean reversed) {
        return new TagDecoding(item, reversed, null, ExtensionBlocks.Read.NONE).ownerChecked("'" + TagData.printable(item.ownerIsil()) + "'");
    }

    /** An item whose owner the tag holds in a form that is not an ISIL: the item, owner null, and why. */
    static TagDecoding ownerUnreadable(LibraryItem item, boolean reversed, String why) {
        return new TagDecoding(new LibraryItem(item.usage(), item.partsInItem(), item.partNumber(), item.itemId(), null), reversed, why,
                ExtensionBlocks.Read.NONE);
    }

    /** The decoding with its owner checked: an owner that is not an ISIL is null, with the reason. */
    TagDecoding ownerChecked(String encoding) {
        if (item == null || item.ownerIsil() == null || Isil.valid(item.ownerIsil())) {
            return this;
        }
        TagDecoding d = ownerUnreadable(item, blocksReversed, "owner " + encoding + " is not an ISIL");
        return new TagDecoding(d.item, d.blocksReversed, d.problem, extensions);
    }

    static TagDecoding bad(String problem) {
        return new TagDecoding(null, false, problem, ExtensionBlocks.Read.NONE);
    }

    /** The same decoding with the tag's extension blocks. */
    TagDecoding with(ExtensionBlocks.Read blocks) {
        return new TagDecoding(item, blocksReversed, problem, blocks);
    }

    public boolean ok() {
        return item != null;
    }
}
