package org.bookbox.drivers.rfid.iso28560;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DanishDataModelTest {

    /** The reference vector: version 1, circulating, part 1 of 1, item 11223344, CRC 0x3E51, owner DE-705. */
    private static final byte[] VECTOR = HexFormat.of().parseHex("11010131313232333334340000000000000000513e4445373035000000000000");

    @Test
    void crcCheckValuesOfTheReference() {
        assertEquals(0x1AEE, Crc16Ccitt.of("RFID tag data model".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x29B1, Crc16Ccitt.of("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void decodesTheReferenceVector() {
        TagDecoding d = DanishDataModel.decode(VECTOR);
        assertTrue(d.ok(), d.problem());
        assertFalse(d.blocksReversed());
        assertEquals(new LibraryItem(1, 1, 1, "11223344", "DE-705"), d.item());
        assertEquals(0x3E51, DanishDataModel.crc(VECTOR));
    }

    @Test
    void encodesTheReferenceVectorByteForByte() {
        assertArrayEquals(VECTOR, DanishDataModel.encode(LibraryItem.circulating("11223344", "DE-705")));
    }

    @Test
    void acceptsBlocksReturnedByteReversedAndSaysSo() {
        TagDecoding d = DanishDataModel.decode(DanishDataModel.reverseBlocks(VECTOR));
        assertTrue(d.ok(), d.problem());
        assertTrue(d.blocksReversed());
        assertEquals("11223344", d.item().itemId());
    }

    @Test
    void aDamagedTagIsAProblemNotAnException() {
        byte[] damaged = VECTOR.clone();
        damaged[5] ^= 0x01;
        TagDecoding d = DanishDataModel.decode(damaged);
        assertFalse(d.ok());
        assertTrue(d.problem().startsWith("CRC mismatch"), d.problem());
    }

    @Test
    void blankAndShortMemoryAreNamed() {
        assertEquals("user memory is blank", DanishDataModel.decode(new byte[32]).problem());
        assertTrue(DanishDataModel.decode(new byte[8]).problem().contains("only 8 bytes"));
    }

    @Test
    void anotherDataModelVersionIsRefused() {
        byte[] v2 = VECTOR.clone();
        v2[0] = 0x21;
        int crc = DanishDataModel.crc(v2);
        v2[19] = (byte) crc;
        v2[20] = (byte) (crc >>> 8);
        assertEquals("data model version 2 is not ISO 28560-3 version 1", DanishDataModel.decode(v2).problem());
    }

    @Test
    void setsAndPatronCardsRoundTrip() {
        LibraryItem part = new LibraryItem(1, 3, 2, "CD-998877", "DE-Hv112-3a7b");
        byte[] memory = DanishDataModel.encode(part);
        assertEquals(36, memory.length, "an ISIL rest of more than 9 characters needs the ninth block");
        assertEquals(part, DanishDataModel.decode(memory).item());
        LibraryItem card = new LibraryItem(LibraryItem.USAGE_PATRON_CARD, 1, 1, "P000123", "DE-705");
        assertEquals(card, DanishDataModel.decode(DanishDataModel.encode(card)).item());
    }

    @Test
    void encodeRefusesWhatTheModelCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> DanishDataModel.encode(LibraryItem.circulating("12345678901234567", "DE-705")));
        assertThrows(IllegalArgumentException.class, () -> DanishDataModel.encode(LibraryItem.circulating("1", "DEU-705")));
        assertThrows(IllegalArgumentException.class, () -> DanishDataModel.encode(new LibraryItem(1, 2, 3, "1", null)));
    }
}
