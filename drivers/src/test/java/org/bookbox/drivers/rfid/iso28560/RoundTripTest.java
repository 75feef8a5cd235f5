package org.bookbox.drivers.rfid.iso28560;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each encoder against its decoder over generated items (fixed seeds, so a failure is found again):
 * what the box or a staff tool writes to a tag is what every box reads back, in either block order.
 */
class RoundTripTest {

    static final String DIGITS = "0123456789";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String PRINTABLE;
    static final int[] USAGES = {0, 1, 2, 7, 8, 9};

    static {
        StringBuilder p = new StringBuilder();
        for (char c = 0x20; c < 0x7F; c++) {
            p.append(c);
        }
        PRINTABLE = p.toString();
    }

    static String text(Random r, String alphabet, int min, int max) {
        StringBuilder s = new StringBuilder();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** Item identifiers as libraries write them: barcodes, with and without leading zeros, letters, anything printable, a little UTF-8. */
    static String itemId(Random r, int max) {
        return switch (r.nextInt(6)) {
            case 0 -> text(r, "123456789", 1, 1) + text(r, DIGITS, 0, Math.min(17, max - 1));
            case 1 -> text(r, DIGITS, 1, max);
            case 2 -> text(r, UPPER, 1, max);
            case 3 -> text(r, UPPER + DIGITS + "-/.", 1, max);
            case 4 -> text(r, PRINTABLE, 1, max);
            default -> text(r, "abcäöüßé-1", 1, Math.min(max, 8));
        };
    }

    static String isil(Random r) {
        return text(r, UPPER, 2, 2) + "-" + text(r, UPPER + DIGITS + "abc", 1, 9);
    }

    static LibraryItem item(Random r, int maxId, boolean asciiOnly) {
        int parts = 1 + r.nextInt(r.nextBoolean() ? 1 : 12);
        String id;
        do {
            id = itemId(r, maxId);
        } while (asciiOnly && !id.chars().allMatch(c -> c >= 0x21 && c <= 0x7E));
        return new LibraryItem(USAGES[r.nextInt(USAGES.length)], parts, 1 + r.nextInt(parts), id, r.nextInt(8) == 0 ? null : isil(r));
    }

    @Test
    void objectDataModelGivesBackEveryItemItEncodes() {
        Random r = new Random(28560_2);
        for (int i = 0; i < 5000; i++) {
            LibraryItem item = item(r, 32, false);
            byte[] memory = ObjectDataModel.encode(item);
            TagDecoding d = ObjectDataModel.decode(Arrays.copyOf(memory, (memory.length + 3) / 4 * 4));
            assertTrue(d.ok(), () -> item + ": " + d.problem());
            assertEquals(item, d.item(), () -> "encoded as " + HexFormat.of().formatHex(memory));
        }
    }

    @Test
    void danishDataModelGivesBackEveryItemItEncodesInEitherBlockOrder() {
        Random r = new Random(28560_3);
        for (int i = 0; i < 5000; i++) {
            LibraryItem generated = item(r, 16, true);
            // the basic block holds usage up to 15 and sets up to 255 parts
            LibraryItem item = new LibraryItem(generated.usage(), generated.partsInItem(), generated.partNumber(), generated.itemId(),
                    generated.ownerIsil());
            byte[] memory = Arrays.copyOf(DanishDataModel.encode(item), r.nextBoolean() ? 32 : 36);
            TagDecoding d = TagData.decode(memory);
            assertTrue(d.ok(), () -> item + ": " + d.problem());
            assertEquals(item, d.item());
            assertFalse(d.blocksReversed());
            byte[] reversed = memory.clone();
            for (int b = 0; b + 4 <= reversed.length; b += 4) {
                for (int k = 0; k < 2; k++) {
                    byte t = reversed[b + k];
                    reversed[b + k] = reversed[b + 3 - k];
                    reversed[b + 3 - k] = t;
                }
            }
            TagDecoding back = TagData.decode(reversed);
            assertTrue(back.ok(), () -> item + " reversed: " + back.problem());
            assertEquals(item, back.item());
            assertTrue(back.blocksReversed());
        }
    }

    @Test
    void extensionBlocksComeBackWithTheirIdsAndDataAndABrokenOneIsSaidNotGuessed() {
        Random r = new Random(28560_33);
        for (int i = 0; i < 2000; i++) {
            LibraryItem item = LibraryItem.circulating(text(r, DIGITS, 1, 16), r.nextBoolean() ? null : "DE-705");
            List<ExtensionBlocks.Block> blocks = new ArrayList<>();
            for (int b = r.nextInt(4); b > 0; b--) {
                byte[] data = new byte[r.nextInt(20)];
                r.nextBytes(data);
                blocks.add(new ExtensionBlocks.Block(1 + r.nextInt(0xFFFF), data));
            }
            byte[] memory = DanishDataModel.encode(item, blocks);
            TagDecoding d = TagData.decode(memory);
            assertEquals(item, d.item());
            assertEquals(blocks, d.extensions().blocks());
            assertEquals(null, d.extensions().problem());
            if (!blocks.isEmpty()) {
                // one bit of the first block's data, or of its checksum when it has none
                memory[ExtensionBlocks.START + (blocks.get(0).data().length > 0 ? 4 : 3)] ^= 0x01;
                TagDecoding broken = TagData.decode(memory);
                assertEquals(item, broken.item(), "the basic block still stands");
                assertEquals(List.of(), broken.extensions().blocks());
                assertTrue(broken.extensions().problem().contains("checksum"), broken.extensions().problem());
            }
        }
    }

    @Test
    void eachValueTakesTheMostCompactSchemeThatHoldsIt() {
        assertEquals(1, ObjectDataModel.compactionFor("30012345"));
        assertEquals(3, ObjectDataModel.compactionFor("ABC"));
        assertEquals(4, ObjectDataModel.compactionFor("0301"));
        assertEquals(4, ObjectDataModel.compactionFor("DK-710100"));
        assertEquals(5, ObjectDataModel.compactionFor("DE-Mue1"));
        assertEquals(6, ObjectDataModel.compactionFor("ends in a space "));
        assertEquals(7, ObjectDataModel.compactionFor("Bücher"));
    }
}
