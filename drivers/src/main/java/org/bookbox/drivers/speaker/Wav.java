package org.bookbox.drivers.speaker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The few facts of a WAV file a speaker needs: where its samples are, and the same file at a lower
 * volume (aplay has no volume of its own, and the board's mixer is shared with whatever else plays).
 * A recording is streamed through in small pieces, never held whole: a prompt is hundreds of KB and
 * the agent's heap is sized for a 512 MB board.
 */
public final class Wav {

    /** The most of a file's start read to find its samples: espeak-ng's header is 44 bytes. */
    public static final int HEAD = 4096;
    private static final int CHUNK = 8192;

    private Wav() {
    }

    /**
     * Where the PCM samples of a RIFF/WAVE file start and how many bytes its header says they take
     * (espeak-ng writes 0x7fffffff to a pipe it cannot seek back into); refuses anything but 16-bit PCM.
     */
    public record Samples(int offset, long declared) {
    }

    /** Reads the samples' place from the start of a file (at least its header; {@link #HEAD} bytes suffice). */
    public static Samples samples(byte[] head) throws SpeakerFault {
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (head.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new SpeakerFault("not a RIFF/WAVE file");
        }
        boolean pcm16 = false;
        int at = 12;
        while (at + 8 <= head.length) {
            int id = b.getInt(at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (id == 0x20746d66) { // "fmt "
                pcm16 = size >= 16 && at + 24 <= head.length && b.getShort(at + 8) == 1 && b.getShort(at + 22) == 16;
            } else if (id == 0x61746164) { // "data"
                if (!pcm16) {
                    throw new SpeakerFault("not 16-bit PCM");
                }
                return new Samples(at + 8, size);
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8);
        }
        throw new SpeakerFault("no data chunk");
    }

    /**
     * Copies a recording with every sample scaled to {@code volume} percent (little-endian 16-bit,
     * done on the bytes), in pieces of a few KB. What follows the data chunk passes unchanged.
     */
    public static void copyAtVolume(InputStream in, OutputStream out, int volume) throws SpeakerFault, IOException {
        byte[] head = in.readNBytes(HEAD);
        Samples s = samples(head);
        int v = Math.clamp(volume, 0, 100);
        out.write(head, 0, s.offset());
        long left = s.declared(); // sample bytes still to scale
        byte[] buf = new byte[CHUNK];
        int have = head.length - s.offset();
        System.arraycopy(head, s.offset(), buf, 0, have);
        boolean end = false;
        while (!end) {
            int n = in.readNBytes(buf, have, CHUNK - have);
            end = n < CHUNK - have;
            int total = have + n;
            int whole = (int) Math.min(total & ~1, left & ~1L);
            scale(buf, whole, v);
            left -= whole;
            int out1 = end || left == 0 ? total : total & ~1; // an odd byte waits for its other half
            out.write(buf, 0, out1);
            have = total - out1;
            if (have == 1) {
                buf[0] = buf[total - 1];
            }
        }
    }

    private static void scale(byte[] b, int length, int v) {
        if (v == 100) {
            return;
        }
        for (int i = 0; i + 1 < length; i += 2) {
            int sample = (short) ((b[i] & 0xff) | (b[i + 1] << 8)) * v / 100;
            b[i] = (byte) sample;
            b[i + 1] = (byte) (sample >> 8);
        }
    }
}
