package org.bookbox.drivers.rfid.feig;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.MemorySize;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;

/** One antenna of a FEIG reader; antenna 1 of a plain reader is the reader itself. */
final class FeigAntenna implements Antenna {

    private final FeigReader reader;
    private final int number;

    FeigAntenna(FeigReader reader, int number) {
        this.reader = reader;
        this.number = number;
    }

    @Override
    public List<TagUid> inventory() throws ReaderException {
        byte[] request = number == 1
                ? new byte[] {FeigReader.INVENTORY, 0x00}
                : new byte[] {FeigReader.INVENTORY, FeigReader.MODE_ANTENNA, (byte) (1 << (number - 1))};
        return FeigReader.inventoryRecords(reader.isoHost(request));
    }

    @Override
    public MemorySize memorySize(TagUid uid) throws ReaderException {
        byte[] info = reader.isoHost(addressed(FeigReader.SYSTEM_INFO, uid, 0).array());
        // DSFID, UID (8), AFI, memory size: number of blocks - 1, block size - 1, then IC reference
        if (info.length < 12) {
            throw new ReaderException(reader + ": system information answer too short", false);
        }
        return new MemorySize((info[10] & 0xFF) + 1, (info[11] & 0x1F) + 1);
    }

    /** The blocks asked for, in batches the reader can answer (halved while its buffer overflows). */
    @Override
    public byte[] readBlocks(TagUid uid, int firstBlock, int count) throws ReaderException {
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        int block = firstBlock;
        while (block < firstBlock + count) {
            int batch = Math.min(reader.readBatch(), firstBlock + count - block);
            try {
                memory.writeBytes(readBatch(uid, block, batch));
                block += batch;
            } catch (ReaderException e) {
                if (!e.tooMuch() || batch == 1) {
                    throw e;
                }
                reader.readBatch(batch / 2);
            }
        }
        return memory.toByteArray();
    }

    private byte[] readBatch(TagUid uid, int firstBlock, int count) throws ReaderException {
        ByteBuffer request = addressed(FeigReader.READ_MULTIPLE, uid, 2);
        request.put((byte) firstBlock).put((byte) count);
        byte[] data = reader.isoHost(request.array());
        // number of blocks, block size, then per block a security status byte and the block, byte-reversed
        int blocks = data.length >= 2 ? data[0] & 0xFF : -1;
        int size = data.length >= 2 ? data[1] & 0xFF : -1;
        if (blocks != count || size < 1 || size > 32 || data.length != 2 + blocks * (1 + size)) {
            throw new ReaderException(reader + ": read answer holds " + blocks + " blocks of " + size + " bytes, asked " + count, false);
        }
        byte[] memory = new byte[count * size];
        for (int b = 0; b < count; b++) {
            int at = 2 + b * (1 + size) + 1;
            for (int i = 0; i < size; i++) {
                memory[b * size + i] = data[at + size - 1 - i];
            }
        }
        return memory;
    }

    @Override
    public void writeAfi(TagUid uid, int afi) throws ReaderException {
        ByteBuffer request = addressed(FeigReader.WRITE_AFI, uid, 1);
        request.put((byte) afi);
        reader.isoHost(request.array());
    }

    @Override
    public void setEas(TagUid uid) throws ReaderException {
        reader.nxpCustom(FeigReader.NXP_SET_EAS, uid);
    }

    @Override
    public void resetEas(TagUid uid) throws ReaderException {
        reader.nxpCustom(FeigReader.NXP_RESET_EAS, uid);
    }

    private static ByteBuffer addressed(int command, TagUid uid, int extra) {
        return ByteBuffer.allocate(10 + extra).put((byte) command).put((byte) FeigReader.MODE_ADDRESSED).put(uid.bytes());
    }

    @Override
    public String toString() {
        return reader + "#" + number;
    }
}
