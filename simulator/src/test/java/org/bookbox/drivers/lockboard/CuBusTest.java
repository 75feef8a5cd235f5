package org.bookbox.drivers.lockboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Set;
import org.bookbox.drivers.serial.JSerialLink;
import org.bookbox.drivers.serial.PtyPair;
import org.bookbox.simulator.lockboard.CuBoardSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CU board driver over a pseudo-terminal, against two simulated boards on one bus. */
class CuBusTest {

    static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;
    PtyPair line;
    CuBoardSimulator boards;
    CuBus bus;

    @BeforeEach
    void plugIn() throws Exception {
        line = new PtyPair(dir, "rs485");
        boards = new CuBoardSimulator(new FileInputStream(line.device().toFile()), new FileOutputStream(line.device().toFile()), Set.of(0, 1), true);
        Thread t = new Thread(boards, "cu-boards");
        t.setDaemon(true);
        t.start();
        bus = new CuBus("bus0", () -> JSerialLink.open(line.host().toString(), 19200), 200);
    }

    @AfterEach
    void unplug() {
        bus.close();
        line.close();
    }

    @Test
    void theReferenceFrames() {
        assertEquals("0200310336", new CuFrame(CuFrame.address(0, 1), CuFrame.UNLOCK, new byte[0]).toString());
        assertEquals("0200300335", new CuFrame(CuFrame.address(0, 1), CuFrame.STATUS, new byte[0]).toString());
        assertEquals(0x15, CuFrame.address(1, 6));
        assertThrows(IllegalArgumentException.class, () -> CuFrame.decode(HEX.parseHex("0200310337")));
    }

    @Test
    void unlockAndStatusByteForByte() throws Exception {
        BoardStatus after = bus.unlock(0, 1);
        assertEquals("0200310336", HEX.formatHex(boards.received().get(0)));
        assertTrue(after.hook(1), "the door popped open");
        boards.door(1, 6, true);
        boards.presence(1, 6, true);
        BoardStatus board1 = bus.status(1);
        assertEquals("0210300345", HEX.formatHex(boards.received().get(1)));
        assertTrue(board1.hook(6));
        assertTrue(board1.presence(6));
        assertFalse(board1.hook(5));
    }

    @Test
    void aHookByteOf03IsNotMistakenForTheEndOfTheFrame() throws Exception {
        boards.door(0, 1, true);
        boards.door(0, 2, true);
        assertEquals(0x03, bus.status(0).hooks());
    }

    @Test
    void setsTheBoardsUnlockTime() throws Exception {
        bus.unlockTime(1, 500);
        assertEquals("0210370032037e", HEX.formatHex(boards.received().get(0)));
    }

    @Test
    void aGarbledReplyIsRetriedOnce() throws Exception {
        boards.garble(1);
        bus.status(0);
        boards.garble(2);
        LockBoardException e = assertThrows(LockBoardException.class, () -> bus.status(0));
        assertTrue(e.getMessage().contains("garbled answer from board 0"), e.getMessage());
    }

    @Test
    void aBoardThatStopsAnsweringFailsAloneTheOtherKeepsWorking() throws Exception {
        boards.silent(1, true);
        LockBoardException e = assertThrows(LockBoardException.class, () -> bus.unlock(1, 3));
        assertEquals("bus0: board 1 did not answer within 200 ms", e.getMessage());
        assertTrue(bus.unlock(0, 2).hook(2));
        boards.silent(1, false);
        assertTrue(bus.unlock(1, 3).hook(3));
    }
}
