package org.bookbox.drivers.board;

import java.time.Duration;
import java.util.List;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.lockboard.LockBoardBus;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.part.PartUnavailableException;
import org.bookbox.drivers.part.TimeOuts;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.scanner.Scanner;
import org.bookbox.drivers.speaker.Speaker;

/**
 * The hardware of one box: hands out the part wired at an address. A real board and the simulated
 * board answer the same calls, so the agent above never knows which one it runs on.
 */
public interface Board extends AutoCloseable {

    /** A switched output: a lock solenoid, the intake flap, the sorter's diverter, an LED or buzzer. */
    Output output(PartAddress address) throws PartUnavailableException;

    /** A digital input: a door contact (also a lock-board hook contact), the chute eye, a bin-full sensor. */
    Input input(PartAddress address) throws PartUnavailableException;

    /** One antenna of an RFID reader. */
    Antenna antenna(PartAddress address) throws PartUnavailableException;

    /**
     * A QR scanner, as a stream of scanned texts.
     *
     * @param suffix what ends a code on a serial scanner: CR, LF, CRLF or none
     */
    Scanner scanner(PartAddress address, String suffix) throws PartUnavailableException;

    /** Declares the profile's RS-485 lines of lock-control boards, before any part is taken. */
    void declare(List<LockBoardBus> buses);

    /** A lock of a CU lock-control board ({@code lockboard:} address), held by the board to {@code pulse}. */
    Lock boardLock(PartAddress address, Duration pulse) throws PartUnavailableException;

    /** The loudspeaker on an ALSA device ({@code default}) for the reader's voice prompts. */
    Speaker speaker(String device);

    /** The time-outs of this board's readers and lock-control boards so far. */
    TimeOuts timeOuts();

    /** What this board is, for the boot event ("Raspberry Pi", "simulated board"). */
    String description();

    /** Releases every part; outputs go to their inactive level first. */
    @Override
    void close();
}
