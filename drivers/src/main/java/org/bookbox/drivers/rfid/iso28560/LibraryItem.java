package org.bookbox.drivers.rfid.iso28560;

/**
 * What a library tag says of its item.
 *
 * @param usage      type of usage: 0 acquisition, 1 circulating, 2 not for circulation, 7 discarded,
 *                   8 patron card, 9 equipment
 * @param partsInItem set size (1 for a single item)
 * @param partNumber this part's number in the set (1-based)
 * @param ownerIsil  the owner library's ISIL, e.g. {@code DE-705}, or null when the tag has none
 */
public record LibraryItem(int usage, int partsInItem, int partNumber, String itemId, String ownerIsil) {

    public static final int USAGE_CIRCULATING = 1;
    public static final int USAGE_PATRON_CARD = 8;

    public static LibraryItem circulating(String itemId, String ownerIsil) {
        return new LibraryItem(USAGE_CIRCULATING, 1, 1, itemId, ownerIsil);
    }

    public boolean partOfSet() {
        return partsInItem > 1;
    }
}
