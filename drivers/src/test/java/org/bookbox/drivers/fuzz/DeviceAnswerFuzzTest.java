package org.bookbox.drivers.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bookbox.drivers.lockboard.CuBus;
import org.bookbox.drivers.lockboard.CuFrame;
import org.bookbox.drivers.lockboard.LockBoardException;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.FieldReader;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.feig.FeigFrame;
import org.bookbox.drivers.rfid.feig.FeigReader;

/**
 * What comes back over a serial line is from outside: a reader or a lock-control board that answers
 * garbage (noise on RS-485, a half-dead device, a different firmware) fails the exchange with the
 * driver's own exception, never with anything else.
 */
class DeviceAnswerFuzzTest {

    static final TagUid UID = TagUid.parse("e004010000000001");

    /** A FEIG advanced-protocol frame, CRC right, around a fuzzed command, status and data. */
    static byte[] feigAnswer(FuzzedDataProvider d) {
        return new FeigFrame(d.consumeInt(0, 255), d.consumeInt(0, 255), d.consumeBytes(d.consumeInt(0, 300))).encode();
    }

    /** A CU board frame, checksum right, around a fuzzed address, command and data. */
    static byte[] cuAnswer(FuzzedDataProvider d) {
        return new CuFrame(d.consumeInt(0, 255), d.consumeInt(0, 255), d.consumeBytes(d.consumeInt(0, 16))).encode();
    }

    @FuzzTest(maxDuration = "5m")
    void anyFeigAnswerIsAResultOrAReaderException(FuzzedDataProvider data) {
        FeigReader reader = new FeigReader("fuzz", () -> new FuzzedLink(data, DeviceAnswerFuzzTest::feigAnswer), 1000);
        Antenna antenna = reader.antenna(data.consumeInt(1, 4));
        try {
            switch (data.consumeInt(0, 6)) {
                case 0 -> antenna.inventory();
                case 1 -> antenna.readBlocks(UID, 0, data.consumeInt(1, 256));
                case 2 -> antenna.writeAfi(UID, 0x07);
                case 3 -> antenna.setEas(UID);
                case 4 -> antenna.resetEas(UID);
                case 5 -> antenna.memorySize(UID);
                default -> FieldReader.readAll(antenna);
            }
        } catch (ReaderException expected) {
            // the driver's word for a bad answer
        } finally {
            reader.close();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyLockBoardAnswerIsAStatusOrALockBoardException(FuzzedDataProvider data) {
        CuBus bus = new CuBus("fuzz", () -> new FuzzedLink(data, DeviceAnswerFuzzTest::cuAnswer), 1000);
        try {
            switch (data.consumeInt(0, 2)) {
                case 0 -> bus.unlock(data.consumeInt(0, 15), data.consumeInt(1, 16));
                case 1 -> bus.status(data.consumeInt(0, 15));
                default -> bus.unlockTime(data.consumeInt(0, 15), data.consumeInt(100, 5000));
            }
        } catch (LockBoardException expected) {
            // the driver's word for a bad answer
        } finally {
            bus.close();
        }
    }
}
