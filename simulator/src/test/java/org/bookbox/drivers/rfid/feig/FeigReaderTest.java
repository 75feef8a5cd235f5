package org.bookbox.drivers.rfid.feig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.FieldReader;
import org.bookbox.drivers.rfid.MemorySize;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.iso28560.DanishDataModel;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.bookbox.drivers.serial.JSerialLink;
import org.bookbox.drivers.serial.PtyPair;
import org.bookbox.simulator.rfid.FeigReaderSimulator;
import org.bookbox.simulator.rfid.SimulatedTag;
import org.bookbox.simulator.rfid.TagField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FEIG driver over a pseudo-terminal against the reader simulator, byte for byte. */
class FeigReaderTest {

    static final HexFormat HEX = HexFormat.of();
    static final String VECTOR = "11010131313232333334340000000000000000513e4445373035000000000000";

    @TempDir
    Path dir;
    PtyPair line;
    FeigReaderSimulator device;
    FeigReader reader;
    final TagField shelf1 = new TagField("sim#1");
    final TagField shelf2 = new TagField("sim#2");

    @BeforeEach
    void plugIn() throws Exception {
        line = new PtyPair(dir, "rfid");
        startDevice();
        reader = new FeigReader("rfid0", () -> JSerialLink.open(line.host().toString(), 38400), 300);
        shelf1.put(new SimulatedTag(TagUid.parse("e004010000000001"), HEX.parseHex(VECTOR), 0xC2));
    }

    void startDevice() throws Exception {
        device = new FeigReaderSimulator(new FileInputStream(line.device().toFile()), new FileOutputStream(line.device().toFile()),
                Map.of(1, shelf1, 2, shelf2));
        Thread t = new Thread(device, "feig-simulator");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void unplug() throws Exception {
        reader.close();
        line.close();
    }

    @Test
    void theInventoryRequestIsTheReferenceFrame() throws Exception {
        assertEquals("020009ffb0010018" + "43", new FeigFrame(0xFF, 0xB0, new byte[] {0x01, 0x00}).toString());
        List<TagUid> uids = reader.antenna(1).inventory();
        assertEquals(List.of(TagUid.parse("e004010000000001")), uids);
        assertEquals("020009ffb0010018" + "43", HEX.formatHex(device.received().get(0)));
    }

    @Test
    void readsAndDecodesATagWhoseBlocksComeBackReversed() throws Exception {
        List<FieldReader.TagRead> reads = FieldReader.readAll(reader.antenna(1));
        assertEquals(LibraryItem.circulating("11223344", "DE-705"), reads.get(0).decoding().item());
        assertFalse(reads.get(0).decoding().blocksReversed(), "the driver puts blocks back in memory order");
        byte[] read = device.received().get(2);
        assertEquals("b023" + "01" + "e004010000000001" + "00" + "08", HEX.formatHex(read, 4, read.length - 2));
    }

    /** An ISO 28560-2 tag of 112 bytes whose data runs past the 36 bytes of a basic block: content parameter, item, owner, set. */
    static byte[] objectTag112(String item) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(HEX.parseHex("620a"));
        m.writeBytes("0123456789".getBytes(StandardCharsets.US_ASCII));
        m.write(0x61);
        m.write(item.length());
        m.writeBytes(item.getBytes(StandardCharsets.US_ASCII));
        m.writeBytes(HEX.parseHex("6309"));
        m.writeBytes("DK-710100".getBytes(StandardCharsets.US_ASCII));
        m.writeBytes(HEX.parseHex("6404"));
        m.writeBytes("0201".getBytes(StandardCharsets.US_ASCII));
        return Arrays.copyOf(m.toByteArray(), 112);
    }

    @Test
    void readsAWholeTagOfAnySizeInAsFewExchangesAsTheReaderAllows() throws Exception {
        // issue 11: a valid 48-byte ISO 28560-2 tag was bad_data, its reader read a fixed 9 blocks
        device.maxBlocksPerRead(8);
        shelf2.put(new SimulatedTag(TagUid.parse("e004010000000021"), objectTag112("3020100012345678"), 0xC2));
        shelf2.put(new SimulatedTag(TagUid.parse("e004010000000022"), objectTag112("3020100087654321"), 0xC2));
        Antenna a = reader.antenna(2);
        assertEquals(new MemorySize(28, 4), a.memorySize(TagUid.parse("e004010000000021")));
        FieldReader.TagRead first = FieldReader.read(a, TagUid.parse("e004010000000021"));
        assertEquals(new LibraryItem(LibraryItem.USAGE_CIRCULATING, 2, 1, "3020100012345678", "DK-710100"), first.decoding().item());
        device.clearReceived();
        FieldReader.TagRead second = FieldReader.read(a, TagUid.parse("e004010000000022"));
        assertEquals("3020100087654321", second.decoding().item().itemId());
        // the limit was learnt on the first tag (28 overflowed, 14 overflowed, 7 fits): four exchanges, no overflow again
        List<String> reads = device.received().stream().filter(f -> (f[5] & 0xFF) == 0x23).map(f -> HEX.formatHex(f, f.length - 4, f.length - 2)).toList();
        assertEquals(List.of("0007", "0707", "0e07", "1507"), reads);
    }

    @Test
    void eachAntennaOfAMultiplexedReaderSeesItsOwnField() throws Exception {
        shelf2.put(new SimulatedTag(TagUid.parse("e004010000000002"), DanishDataModel.encode(LibraryItem.circulating("2002", "DE-705")), 0xC2));
        assertEquals(List.of(TagUid.parse("e004010000000002")), reader.antenna(2).inventory());
        assertEquals("b0011002", HEX.formatHex(device.received().get(0), 4, 8));
    }

    @Test
    void writesTheAfiAndReportsAWriteThatFails() throws Exception {
        Antenna a = reader.antenna(1);
        a.writeAfi(TagUid.parse("e004010000000001"), 0x07);
        assertEquals(0x07, shelf1.tags().iterator().next().afi());
        byte[] w = device.received().get(0);
        assertArrayEquals(HEX.parseHex("b02701e00401000000000107"), Arrays.copyOfRange(w, 4, w.length - 2));
        shelf1.tags().iterator().next().refusesWrites(true);
        ReaderException e = assertThrows(ReaderException.class, () -> a.writeAfi(TagUid.parse("e004010000000001"), 0x07));
        assertEquals("rfid0: write error (status 03)", e.getMessage());
        assertFalse(e.offline());
    }

    @Test
    void anEmptyFieldIsNoTagsNotAnError() throws Exception {
        shelf1.remove(TagUid.parse("e004010000000001"));
        assertEquals(List.of(), reader.antenna(1).inventory());
    }

    @Test
    void aGarbledAnswerIsRetriedOnceThenTheReaderIsOffline() throws Exception {
        device.garble(1);
        assertEquals(1, reader.antenna(1).inventory().size());
        device.garble(2);
        ReaderException e = assertThrows(ReaderException.class, () -> reader.antenna(1).inventory());
        assertTrue(e.offline());
        assertTrue(e.getMessage().contains("garbled answer: CRC mismatch"), e.getMessage());
    }

    @Test
    void aSilentReaderIsOfflineAndAnUnpluggedOneComesBack() throws Exception {
        device.silent(true);
        ReaderException silent = assertThrows(ReaderException.class, () -> reader.antenna(1).inventory());
        assertEquals("rfid0: no answer within 300 ms", silent.getMessage());
        line.unplug();
        assertTrue(assertThrows(ReaderException.class, () -> reader.antenna(1).inventory()).offline());
        line.plugIn();
        startDevice();
        assertEquals(1, reader.antenna(1).inventory().size(), "the line is reopened on the next request");
    }

    @Test
    void setsEasOnNxpTagsAndSaysNotSupportedOnOthers() throws Exception {
        Antenna a = reader.antenna(1);
        a.setEas(TagUid.parse("e004010000000001"));
        assertTrue(shelf1.tags().iterator().next().eas());
        byte[] f = device.received().get(0);
        assertEquals("020012ffb104a201e004010000000001", HEX.formatHex(f, 0, f.length - 2));
        shelf1.put(new SimulatedTag(TagUid.parse("e007000000000009"), HEX.parseHex(VECTOR), 0xC2).withoutEas());
        ReaderException e = assertThrows(ReaderException.class, () -> a.setEas(TagUid.parse("e007000000000009")));
        assertTrue(e.notSupported());
    }

    @Test
    void anInventoryAnswerWithoutItsCountIsAReaderFaultNotAnArrayIndex() {
        // found by DeviceAnswerFuzzTest: status OK and nothing after it
        ReaderException e = assertThrows(ReaderException.class, () -> FeigReader.inventoryRecords(new byte[0]));
        assertEquals("inventory answer without its tag count", e.getMessage());
    }
}
