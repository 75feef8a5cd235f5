package org.bookbox.drivers.rfid.iso28560;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectDataModelTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void theReferencePrimaryItemIdentifierVector() {
        assertEquals(Map.of(1, "123456789012"), ObjectDataModel.dataSets(hex("91 00 05 1C BE 99 1A 14 00")));
    }

    @Test
    void theReferenceContentParameterVector() {
        // bitmap 1101 0000: OIDs 3, 4 and 6 follow
        assertEquals(Map.of(2, "11010000"), ObjectDataModel.dataSets(hex("02 01 D0")));
    }

    @Test
    void aWholeTagWithOwnerAndSet() {
        // primary id (integer), content parameter, owner ISIL (octets "DE-705"), set information "0301"
        String tag = "91 00 05 1C BE 99 1A 14" + "02 01 D0" + "63 06 44452D373035" + "64 04 30333031" + "00 00 00";
        TagDecoding d = TagData.decode(hex(tag));
        assertTrue(d.ok(), d.problem());
        assertEquals(new LibraryItem(1, 3, 1, "123456789012", "DE-705"), d.item());
    }

    @Test
    void anOwnerThatIsNoIsilIsNullWithTheReasonNeverAStringOfBits() {
        // issue 11: the owner written with ISIL compaction (compaction 0 here, not decoded yet) came out
        // as 48 zeros and ones, an owner no backend can route a book to
        String tag = "91 00 05 1C BE 99 1A 14" + "03 06 112233445566" + "00 00";
        TagDecoding d = TagData.decode(hex(tag));
        assertTrue(d.ok(), d.problem());
        assertEquals(new LibraryItem(1, 1, 1, "123456789012", null), d.item());
        assertEquals("owner in application-defined compaction (ISO 28560-2's ISIL compaction), which is not decoded", d.problem());
        // an owner that decodes to text that is no ISIL is null likewise
        TagDecoding text = TagData.decode(hex("91 00 05 1C BE 99 1A 14" + "63 03 414243" + "00 00"));
        assertEquals(null, text.item().ownerIsil());
        assertEquals("owner 'ABC' is not an ISIL", text.problem());
    }

    @Test
    void isilSyntax() {
        for (String good : new String[] {"DE-705", "DK-710100", "US-DLC", "GB-UkOxU", "O-0001", "NZ-AuA:1/2", "ABCD-12345678901"}) {
            assertTrue(Isil.valid(good), good);
        }
        for (String bad : new String[] {"", "DE705", "-705", "DE-", "ABCDE-1", "DE-705 ", "DE-7\u00e405", "DE-123456789012", "DE_705"}) {
            assertFalse(Isil.valid(bad), bad);
        }
    }

    @Test
    void packedCharacterCompactions() {
        // 5-bit upper case "ABC": 00001 00010 00011 + pad
        assertEquals("ABC", ObjectDataModel.decompact(3, hex("08 86")));
        // 7-bit ASCII "Hi": 1001000 1101001 + pad 11
        assertEquals("Hi", ObjectDataModel.decompact(5, hex("91 A7")));
        assertEquals("Grüße", ObjectDataModel.decompact(7, "Grüße".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTagOfAnotherLayoutIsBadDataWithBothReasons() {
        // a 3M-style layout: neither a Danish basic block nor 15962 data sets that hold an item id
        TagDecoding d = TagData.decode(hex("C1 02 00 00 33 4D 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 00 00"));
        assertFalse(d.ok());
        assertTrue(d.problem().startsWith("CRC mismatch"), d.problem());
        assertTrue(d.problem().contains("not ISO 28560-2"), d.problem());
    }

    @Test
    void aNonNumericTypeOfUsageIsBadDataNotAnException() {
        // issue 9, defect 2: OID 5 (type of usage) with no digits made the decoder throw
        // (the item id is in octets: an id in application-defined compaction is refused before the usage is read)
        TagDecoding d = TagData.decode(hex("6101314500" + "00".repeat(27)));
        assertFalse(d.ok());
        assertTrue(d.problem().contains("type of usage '' is not a number"), d.problem());
    }

    @Test
    void setInformationTooLongForAnIntIsBadDataNotAnException() {
        TagDecoding d = ObjectDataModel.decode(hex("91 00 05 1C BE 99 1A 14" + "64 14 " + "39".repeat(20) + "00"));
        assertFalse(d.ok());
        assertTrue(d.problem().contains("set information"), d.problem());
    }

    @Test
    void aPartNumberAboveItsSetSizeIsBadData() {
        TagDecoding d = ObjectDataModel.decode(hex("91 00 05 1C BE 99 1A 14" + "64 04 30323039" + "00"));
        assertFalse(d.ok());
        assertTrue(d.problem().contains("part 9 of 2"), d.problem());
    }
}
