package org.bookbox.drivers.rfid.feig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bookbox.drivers.part.TimeOuts;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.serial.SerialLink;
import org.tinylog.Logger;

/**
 * A FEIG HF reader speaking the ISO-Host advanced protocol on one serial line; its antennas are
 * {@link #antenna(int) handed out} to the units. One request at a time: a multiplexed reader is one
 * radio. A time-out or garbled answer is retried once; then the reader counts as offline until it
 * answers again, and a line that went away (unplugged) is reopened on the next request.
 */
public final class FeigReader implements AutoCloseable {

    /** ISO host command: the ISO 15693 commands ride under it. */
    public static final int ISO_HOST = 0xB0;
    public static final int INVENTORY = 0x01;
    public static final int READ_MULTIPLE = 0x23;
    public static final int WRITE_AFI = 0x27;
    public static final int SYSTEM_INFO = 0x2B;
    public static final int MODE_ADDRESSED = 0x01;
    /** Inventory mode flag: an antenna byte follows (multiplexed readers). UNCONFIRMED, see docs/protocols.md. */
    public static final int MODE_ANTENNA = 0x10;

    /** Host command for manufacturer-specific ISO 15693 commands (UNCONFIRMED, see docs/protocols.md). */
    public static final int ISO_CUSTOM = 0xB1;
    public static final int NXP = 0x04;
    public static final int NXP_SET_EAS = 0xA2;
    public static final int NXP_RESET_EAS = 0xA3;

    public static final int OK = 0x00;
    public static final int NO_TRANSPONDER = 0x01;
    /** The reader's buffer cannot hold the answer asked for. */
    public static final int BUFFER_OVERFLOW = 0x93;

    private final String name;
    private final SerialLink.Opener opener;
    private final int timeoutMs;
    private final TimeOuts timeOuts;
    private SerialLink link;
    private int readBatch = 64;

    public FeigReader(String name, SerialLink.Opener opener, int timeoutMs) {
        this(name, opener, timeoutMs, new TimeOuts());
    }

    /** @param timeOuts where each exchange without an answer in time is counted (the board's) */
    public FeigReader(String name, SerialLink.Opener opener, int timeoutMs, TimeOuts timeOuts) {
        this.name = name;
        this.opener = opener;
        this.timeoutMs = timeoutMs;
        this.timeOuts = timeOuts;
    }

    public Antenna antenna(int number) {
        return new FeigAntenna(this, number);
    }

    /** Sends a request under the ISO host command and returns the response data after a good status. */
    synchronized byte[] isoHost(byte[] request) throws ReaderException {
        FeigFrame answer = transact(new FeigFrame(FeigFrame.ANY_ADDRESS, ISO_HOST, request));
        if (answer.data().length < 1) {
            throw new ReaderException(name + ": answer without a status byte", false);
        }
        int status = answer.data()[0] & 0xFF;
        byte[] rest = Arrays.copyOfRange(answer.data(), 1, answer.data().length);
        if (status == OK || (status == 0x94 && request[0] == INVENTORY)) {
            return rest;
        }
        if (status == NO_TRANSPONDER && request[0] == INVENTORY) {
            return new byte[] {0};
        }
        if (status == BUFFER_OVERFLOW) {
            throw ReaderException.tooMuch(name + ": " + statusText(status) + String.format(" (status %02X)", status));
        }
        throw new ReaderException(name + ": " + statusText(status) + String.format(" (status %02X)", status), false);
    }

    /**
     * How many blocks one read-multiple exchange may ask this reader for: as many as a whole tag
     * holds at first, halved each time the reader's buffer overflows, and remembered.
     */
    synchronized int readBatch() {
        return readBatch;
    }

    synchronized void readBatch(int blocks) {
        readBatch = Math.max(1, blocks);
    }

    /** An NXP custom command addressed to one tag: {@code B1 | 04 | command | mode 01 | UID}. */
    synchronized void nxpCustom(int command, TagUid uid) throws ReaderException {
        byte[] data = new byte[11];
        data[0] = NXP;
        data[1] = (byte) command;
        data[2] = MODE_ADDRESSED;
        System.arraycopy(uid.bytes(), 0, data, 3, 8);
        FeigFrame answer = transact(new FeigFrame(FeigFrame.ANY_ADDRESS, ISO_CUSTOM, data));
        int status = answer.data().length > 0 ? answer.data()[0] & 0xFF : -1;
        if (status == OK) {
            return;
        }
        // unknown command, or an ISO 15693 error "not supported" (01) from a tag of another maker
        if (status == 0x80 || (status == 0x95 && answer.data().length > 1 && answer.data()[1] == 0x01)) {
            throw ReaderException.notSupported(name + ": tag " + uid + " does not support EAS");
        }
        throw new ReaderException(name + ": " + statusText(status) + String.format(" (status %02X)", status), false);
    }

    private FeigFrame transact(FeigFrame request) throws ReaderException {
        String problem = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                SerialLink l = link();
                l.drain();
                l.write(request.encode());
                FeigFrame answer = readFrame(l);
                if (answer == null) {
                    timeOuts.reader();
                    problem = "no answer within " + timeoutMs + " ms";
                    continue;
                }
                if (answer.command() != request.command()) {
                    problem = String.format("answer to command %02X, asked %02X", answer.command(), request.command());
                    continue;
                }
                return answer;
            } catch (IllegalArgumentException e) {
                problem = "garbled answer: " + e.getMessage();
            } catch (IOException | UncheckedIOException e) {
                problem = "line lost: " + e.getMessage();
                dropLink();
                break;
            }
        }
        throw new ReaderException(name + ": " + problem, true);
    }

    /** Reads one frame: STX, then as many bytes as it announces; null on time-out. */
    private FeigFrame readFrame(SerialLink l) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[256];
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        int need = 3;
        while (got.size() < need) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            int n = l.read(chunk, (int) left);
            got.write(chunk, 0, n);
            byte[] head = got.toByteArray();
            if (head.length > 0 && (head[0] & 0xFF) != FeigFrame.STX) {
                throw new IllegalArgumentException("answer does not start with STX: " + HexFormat.of().formatHex(head));
            }
            if (head.length >= 3) {
                need = FeigFrame.lengthOf(head);
                if (need < FeigFrame.OVERHEAD || need > 4096) {
                    throw new IllegalArgumentException("answer announces " + need + " bytes");
                }
            }
        }
        byte[] all = got.toByteArray();
        if (all.length > need) {
            throw new IllegalArgumentException("answer runs " + (all.length - need) + " bytes past its length");
        }
        return FeigFrame.decode(all);
    }

    private SerialLink link() throws IOException {
        if (link == null) {
            link = opener.open();
            Logger.info("{}: line open", name);
        }
        return link;
    }

    private void dropLink() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    static String statusText(int status) {
        return switch (status) {
            case 0x01 -> "no transponder";
            case 0x02 -> "data false";
            case 0x03 -> "write error";
            case 0x04 -> "address error";
            case 0x05 -> "wrong transponder type";
            case 0x0E -> "general error";
            case 0x80 -> "unknown command";
            case 0x81 -> "length error";
            case 0x83 -> "RF communication error";
            case 0x84 -> "RF warning";
            case 0x93 -> "buffer overflow";
            case 0x95 -> "ISO 15693 error";
            default -> "status " + HexFormat.of().toHexDigits((byte) status);
        };
    }

    @Override
    public synchronized void close() {
        dropLink();
    }

    @Override
    public String toString() {
        return name;
    }

    static List<TagUid> inventoryRecords(byte[] data) throws ReaderException {
        if (data.length < 1) {
            // found by DeviceAnswerFuzzTest: an OK answer with no count threw out of the chute's read window
            throw new ReaderException("inventory answer without its tag count", false);
        }
        int count = data[0] & 0xFF;
        if (data.length < 1 + count * 10) {
            throw new ReaderException("inventory answer announces " + count + " tags but holds " + (data.length - 1) + " bytes", false);
        }
        List<TagUid> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = 1 + i * 10 + 2; // tr-type, DSFID, then the UID most significant byte first
            long uid = 0;
            for (int b = 0; b < 8; b++) {
                uid = uid << 8 | (data[at + b] & 0xFF);
            }
            out.add(new TagUid(uid));
        }
        return out;
    }
}
