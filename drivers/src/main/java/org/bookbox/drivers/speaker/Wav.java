package org.bookbox.drivers.speaker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The few facts of a WAV file a speaker needs: where its samples are, and the same file at a lower
 * volume (aplay has no volume of its own, and the board's mixer is shared with whatever else plays).
 */
public final class Wav {

    private Wav() {
    }

    /** Where the PCM samples of a RIFF/WAVE file start and how many bytes they take; refuses anything but 16-bit PCM. */
    record Samples(int offset, int length) {
    }

    static Samples samples(byte[] wav) throws SpeakerFault {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new SpeakerFault("not a RIFF/WAVE file");
        }
        boolean pcm16 = false;
        int at = 12;
        while (at + 8 <= wav.length) {
            int id = b.getInt(at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (id == 0x20746d66) { // "fmt "
                pcm16 = size >= 16 && at + 24 <= wav.length && b.getShort(at + 8) == 1 && b.getShort(at + 22) == 16;
            } else if (id == 0x61746164) { // "data"
                if (!pcm16) {
                    throw new SpeakerFault("not 16-bit PCM");
                }
                // espeak-ng writes 0x7fffffff as the size of a stream it could not seek back into
                int length = (int) Math.min(size, wav.length - (at + 8L));
                return new Samples(at + 8, length & ~1);
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8);
        }
        throw new SpeakerFault("no data chunk");
    }

    /** The same recording with every sample scaled to {@code volume} percent (little-endian 16-bit, done on the bytes). */
    public static byte[] atVolume(byte[] wav, int volume) throws SpeakerFault {
        Samples s = samples(wav);
        int v = Math.clamp(volume, 0, 100);
        byte[] out = wav.clone();
        if (v == 100) {
            return out;
        }
        for (int i = s.offset(), end = s.offset() + s.length(); i + 1 < end; i += 2) {
            int sample = (short) ((out[i] & 0xff) | (out[i + 1] << 8)) * v / 100;
            out[i] = (byte) sample;
            out[i + 1] = (byte) (sample >> 8);
        }
        return out;
    }
}
