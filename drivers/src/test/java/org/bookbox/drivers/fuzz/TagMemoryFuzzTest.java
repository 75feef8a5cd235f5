package org.bookbox.drivers.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bookbox.drivers.rfid.iso28560.DanishDataModel;
import org.bookbox.drivers.rfid.iso28560.Isil;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.bookbox.drivers.rfid.iso28560.ObjectDataModel;
import org.bookbox.drivers.rfid.iso28560.TagData;
import org.bookbox.drivers.rfid.iso28560.TagDecoding;

/**
 * Tag memory is whatever a tag in a book holds: any bytes decode to an item or to a reason, never to
 * an exception (issue 9, defect 2 was a tag that made the decoder throw and cost a whole stack).
 */
class TagMemoryFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyTagMemoryIsAnItemOrAReason(byte[] memory) {
        check(TagData.decode(memory));
        check(DanishDataModel.decode(memory));
        check(ObjectDataModel.decode(memory));
    }

    private static void check(TagDecoding d) {
        assertNotNull(d);
        if (d.ok()) {
            LibraryItem item = d.item();
            assertNotNull(item.itemId());
            assertTrue(item.partNumber() >= 1 && item.partNumber() <= item.partsInItem(), item::toString);
            // an owner is an ISIL or null (issue 11): never a string no backend can route a book to
            assertTrue(item.ownerIsil() == null || Isil.valid(item.ownerIsil()), item::toString);
        } else {
            assertNotNull(d.problem());
        }
    }
}
