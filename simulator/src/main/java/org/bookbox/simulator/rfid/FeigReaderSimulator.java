package org.bookbox.simulator.rfid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.feig.FeigFrame;
import org.bookbox.drivers.rfid.feig.FeigReader;

/**
 * A FEIG reader in software, on the device side of a serial line (a pseudo-terminal in tests): it
 * reads request frames and answers them from simulated antenna fields, as the real reader would,
 * blocks byte-reversed and all. Faults to play: silence, a garbled answer.
 */
public final class FeigReaderSimulator implements Runnable {

    /** How many request frames are kept for tests to look at. */
    public static final int KEPT = 4096;

    private final InputStream in;
    private final OutputStream out;
    private final Map<Integer, TagField> antennas;
    /** The last request frames, oldest first: bounded, as a simulated box may run for days (a list copied on each add cost a burst most of its time). */
    private final Deque<byte[]> received = new ArrayDeque<>();
    private volatile boolean silent;
    /** The most blocks one read-multiple answer holds: more is a buffer overflow, as on a reader with a small buffer. */
    private volatile int maxBlocksPerRead = 32;
    private volatile int garble;

    public FeigReaderSimulator(InputStream in, OutputStream out, Map<Integer, TagField> antennas) {
        this.in = in;
        this.out = out;
        this.antennas = antennas;
    }

    /** The request frames received, byte for byte, oldest first (the last {@link #KEPT}). */
    public List<byte[]> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Forgets the frames received so far. */
    public void clearReceived() {
        synchronized (received) {
            received.clear();
        }
    }

    /** Plays a reader whose buffer holds at most this many blocks per read. */
    public void maxBlocksPerRead(int blocks) {
        maxBlocksPerRead = blocks;
    }

    /** Stops answering (a reader powered off). */
    public void silent(boolean value) {
        silent = value;
    }

    /** Garbles the CRC of the next {@code n} answers. */
    public void garble(int n) {
        garble = n;
    }

    @Override
    public void run() {
        try {
            while (true) {
                byte[] frame = readFrame();
                if (frame == null) {
                    return;
                }
                synchronized (received) {
                    received.addLast(frame);
                    if (received.size() > KEPT) {
                        received.removeFirst();
                    }
                }
                if (silent) {
                    continue;
                }
                byte[] answer;
                try {
                    FeigFrame a = answer(FeigFrame.decode(frame));
                    if (a == null) {
                        continue;
                    }
                    answer = a.encode();
                } catch (IllegalArgumentException e) {
                    continue; // a reader ignores a frame it cannot check
                }
                if (garble > 0) {
                    garble--;
                    answer[answer.length - 1] ^= 0x5A;
                }
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // the line closed: the simulated reader is unplugged
        }
    }

    private byte[] readFrame() throws IOException {
        int stx;
        do {
            stx = in.read();
            if (stx < 0) {
                return null;
            }
        } while (stx != FeigFrame.STX);
        byte[] head = {(byte) stx, (byte) in.read(), (byte) in.read()};
        int length = FeigFrame.lengthOf(head);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(head);
        f.write(in.readNBytes(Math.max(0, length - 3)));
        return f.toByteArray();
    }

    FeigFrame answer(FeigFrame request) {
        if (request.command() == FeigReader.ISO_CUSTOM) {
            return custom(request);
        }
        if (request.command() != FeigReader.ISO_HOST || request.data().length < 2) {
            return status(request, 0x80);
        }
        byte[] d = request.data();
        try {
            return switch (d[0]) {
                case FeigReader.INVENTORY -> inventory(request, d);
                case FeigReader.SYSTEM_INFO -> systemInfo(request, d);
                case FeigReader.READ_MULTIPLE -> read(request, d);
                case FeigReader.WRITE_AFI -> writeAfi(request, d);
                default -> status(request, 0x80);
            };
        } catch (ReaderException e) {
            if (e.offline()) {
                return null; // an antenna played as unplugged: the reader does not answer, the driver times out
            }
            return status(request, e.getMessage().contains("refused") ? 0x03 : 0x01);
        } catch (ArrayIndexOutOfBoundsException e) {
            return status(request, 0x81);
        }
    }

    private FeigFrame inventory(FeigFrame request, byte[] d) throws ReaderException {
        int antenna = (d[1] & FeigReader.MODE_ANTENNA) != 0 ? Integer.numberOfTrailingZeros(d[2] & 0xFF) + 1 : 1;
        List<TagUid> uids = field(antenna).inventory();
        if (uids.isEmpty()) {
            return status(request, FeigReader.NO_TRANSPONDER);
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(FeigReader.OK);
        data.write(uids.size());
        for (TagUid uid : uids) {
            data.write(0x03); // ISO 15693
            data.write(0x00); // DSFID
            data.writeBytes(uid.bytes());
        }
        return new FeigFrame(request.address(), request.command(), data.toByteArray());
    }

    private FeigFrame systemInfo(FeigFrame request, byte[] d) throws ReaderException {
        TagUid uid = uid(d);
        TagField field = fieldOf(uid);
        int blocks = field.blockCount(uid);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(FeigReader.OK);
        data.write(0x00);
        data.writeBytes(uid.bytes());
        data.write(field.tags().stream().filter(t -> t.uid().equals(uid)).findFirst().orElseThrow().afi());
        data.write(blocks - 1);
        data.write(Antenna.BLOCK_SIZE - 1);
        data.write(0x01);
        return new FeigFrame(request.address(), request.command(), data.toByteArray());
    }

    private FeigFrame read(FeigFrame request, byte[] d) throws ReaderException {
        TagUid uid = uid(d);
        int first = d[10] & 0xFF;
        int count = d[11] & 0xFF;
        if (count > maxBlocksPerRead) {
            return status(request, FeigReader.BUFFER_OVERFLOW);
        }
        byte[] memory = fieldOf(uid).readBlocks(uid, first, count);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(FeigReader.OK);
        data.write(count);
        data.write(Antenna.BLOCK_SIZE);
        for (int b = 0; b < count; b++) {
            data.write(0x00); // security status: not locked
            for (int i = Antenna.BLOCK_SIZE - 1; i >= 0; i--) {
                data.write(memory[b * Antenna.BLOCK_SIZE + i]);
            }
        }
        return new FeigFrame(request.address(), request.command(), data.toByteArray());
    }

    private FeigFrame writeAfi(FeigFrame request, byte[] d) throws ReaderException {
        TagUid uid = uid(d);
        fieldOf(uid).writeAfi(uid, d[10] & 0xFF);
        return status(request, FeigReader.OK);
    }

    private FeigFrame custom(FeigFrame request) {
        byte[] d = request.data();
        int command = d.length == 11 ? d[1] & 0xFF : -1;
        if (d.length != 11 || d[0] != FeigReader.NXP || (command != FeigReader.NXP_SET_EAS && command != FeigReader.NXP_RESET_EAS)) {
            return status(request, 0x80);
        }
        long v = 0;
        for (int i = 3; i < 11; i++) {
            v = v << 8 | (d[i] & 0xFF);
        }
        TagUid uid = new TagUid(v);
        try {
            if (command == FeigReader.NXP_SET_EAS) {
                fieldOf(uid).setEas(uid);
            } else {
                fieldOf(uid).resetEas(uid);
            }
            return status(request, FeigReader.OK);
        } catch (ReaderException e) {
            return e.notSupported() ? new FeigFrame(request.address(), request.command(), new byte[] {(byte) 0x95, 0x01})
                    : status(request, e.getMessage().contains("refused") ? 0x03 : 0x01);
        }
    }

    private TagField field(int antenna) throws ReaderException {
        TagField field = antennas.get(antenna);
        if (field == null) {
            throw new ReaderException("no antenna " + antenna, false);
        }
        return field;
    }

    private TagField fieldOf(TagUid uid) throws ReaderException {
        for (TagField a : antennas.values()) {
            if (a.tags().stream().anyMatch(t -> t.uid().equals(uid))) {
                return a;
            }
        }
        throw new ReaderException("no tag " + uid, false);
    }

    private static TagUid uid(byte[] d) {
        long v = 0;
        for (byte b : Arrays.copyOfRange(d, 2, 10)) {
            v = v << 8 | (b & 0xFF);
        }
        return new TagUid(v);
    }

    private static FeigFrame status(FeigFrame request, int status) {
        return new FeigFrame(request.address(), request.command(), new byte[] {(byte) status});
    }
}
