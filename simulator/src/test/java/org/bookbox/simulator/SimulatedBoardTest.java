package org.bookbox.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.part.PartUnavailableException;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.FieldReader;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.simulator.rfid.FeigReaderSimulator;
import org.bookbox.simulator.rfid.SimulatedTag;
import org.bookbox.simulator.rfid.TagField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedBoardTest {

    private final SimulatedBoard board = new SimulatedBoard();

    @AfterEach
    void close() {
        board.close();
    }

    @Test
    void sensorsStartAtRestAndReportChangesWithTheirPolarity() throws Exception {
        PartAddress reed = PartAddress.parse("gpio:27:active-low");
        Input door = board.input(reed);
        assertFalse(door.isActive(), "an active-low door contact starts closed");
        List<Boolean> seen = new ArrayList<>();
        door.onChange(seen::add);
        board.drive(reed, true);
        board.drive(reed, false);
        assertEquals(List.of(true, false), seen);
    }

    @Test
    void aSimulatedReaderKeepsOnlyItsLastFrames() throws Exception {
        // a simulated box runs for days: every frame kept (and copied on each add) grew without end
        Antenna antenna = board.antenna(PartAddress.parse("rfid:/dev/rfid0#1"));
        for (int i = 0; i < FeigReaderSimulator.KEPT + 10; i++) {
            antenna.inventory();
        }
        List<byte[]> frames = board.reader("/dev/rfid0").received();
        assertEquals(FeigReaderSimulator.KEPT, frames.size());
        board.reader("/dev/rfid0").clearReceived();
        antenna.inventory();
        assertEquals(1, board.reader("/dev/rfid0").received().size(), "the newest frame after forgetting the rest");
    }

    @Test
    void aLineIsEitherAnInputOrAnOutput() throws Exception {
        board.output(PartAddress.parse("gpio:17"));
        PartUnavailableException e = assertThrows(PartUnavailableException.class, () -> board.input(PartAddress.parse("gpio:17")));
        assertTrue(e.getMessage().contains("already used as an output"));
    }

    @Test
    void readsTagsInTheFieldAsItemsAndNamesTheOddOnes() throws Exception {
        TagField field = board.field(PartAddress.parse("rfid:/dev/rfid0#2"));
        Antenna antenna = board.antenna(PartAddress.parse("rfid:/dev/rfid0#2"));
        TagUid good = TagUid.parse("e004010000000001");
        TagUid odd = TagUid.parse("e004010000000002");
        field.put(new SimulatedTag(good, HexFormat.of().parseHex("11010131313232333334340000000000000000513e4445373035000000000000"), 0xC2));
        field.put(new SimulatedTag(odd, new byte[32], 0xC2));
        field.put(new SimulatedTag(TagUid.parse("e004010000000003"), new byte[32], 0xC2).unreadable(true));
        List<FieldReader.TagRead> reads = FieldReader.readAll(antenna);
        assertEquals("11223344", reads.get(0).decoding().item().itemId());
        assertEquals("user memory is blank; ISO 28560-2 data without a primary item identifier", reads.get(1).problem());
        assertTrue(reads.get(2).unreadable());
        field.offline(true);
        ReaderException e = assertThrows(ReaderException.class, () -> FieldReader.readAll(antenna));
        assertTrue(e.offline());
    }

    @Test
    void anOutputLeftEnergisedIsFoundEnergised() throws Exception {
        PartAddress lock = PartAddress.parse("gpio:12");
        board.leaveEnergised(lock);
        assertTrue(board.output(lock).isOn());
    }
}
