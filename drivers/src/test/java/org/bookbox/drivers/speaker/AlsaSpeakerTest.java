package org.bookbox.drivers.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speaker's side of aplay: what reaches the player's standard input, and what becomes of a player
 * that fails or hangs. The player here is a shell that keeps what it is given (CI has no sound card).
 */
class AlsaSpeakerTest {

    @TempDir
    Path dir;

    /** A WAV file as espeak-ng writes it: RIFF, fmt (16-bit mono PCM at 22050 Hz), data. */
    static byte[] wav(short... samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * samples.length).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(22050).putInt(44100).putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(2 * samples.length);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    /** A whole recording through the speaker's scaling. */
    static byte[] scaled(byte[] wav, int volume) throws SpeakerFault, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Wav.copyAtVolume(new ByteArrayInputStream(wav), out, volume);
        return out.toByteArray();
    }

    @Test
    void thePlayerGetsTheRecordingAtTheProfilesVolume() throws Exception {
        Path out = dir.resolve("played.wav");
        new AlsaSpeaker(List.of("sh", "-c", "cat > \"$0\"", out.toString()), Duration.ofSeconds(5)).play("en/bin-full", new ByteArrayInputStream(wav((short) 1000, (short) -3000, Short.MAX_VALUE)), 50);
        byte[] played = Files.readAllBytes(out);
        assertArrayEquals(wav((short) 500, (short) -1500, (short) (Short.MAX_VALUE / 2)), played);
    }

    @Test
    void aPlayerThatFailsIsAFaultWithItsWords() {
        SpeakerFault f = assertThrows(SpeakerFault.class, () -> new AlsaSpeaker(List.of("sh", "-c", "cat > /dev/null; echo 'no such device' >&2; exit 1"),
                Duration.ofSeconds(5)).play("en/bin-full", new ByteArrayInputStream(wav((short) 1)), 80));
        assertEquals("sh failed on en/bin-full (exit 1): no such device", f.getMessage());
    }

    @Test
    void aPlayerThatHangsIsStoppedAndTheNextPromptCanCome() {
        long started = System.nanoTime();
        SpeakerFault f = assertThrows(SpeakerFault.class, () -> new AlsaSpeaker(List.of("sh", "-c", "cat > /dev/null; exec sleep 60"),
                Duration.ofMillis(200)).play("zh-CN/door-left-open", new ByteArrayInputStream(wav(new short[1600])), 80));
        assertEquals("sh did not finish zh-CN/door-left-open in time; stopped", f.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aFileThatIsNoWavIsRefusedBeforeAnyPlayerStarts() {
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        junk.writeBytes("ID3 not a wave".getBytes());
        SpeakerFault f = assertThrows(SpeakerFault.class, () -> new AlsaSpeaker(List.of("false"), Duration.ofSeconds(1)).play("x", new ByteArrayInputStream(junk.toByteArray()), 80));
        assertEquals("not a RIFF/WAVE file", f.getMessage());
        byte[] eightBit = wav((short) 1);
        eightBit[34] = 8;
        assertEquals("not 16-bit PCM", assertThrows(SpeakerFault.class, () -> scaled(eightBit, 50)).getMessage());
    }

    @Test
    void aLongRecordingIsScaledAcrossThePiecesItIsStreamedIn() throws Exception {
        short[] samples = new short[20_001];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i * 7 - 30_000);
        }
        byte[] w = wav(samples);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a stream that hands over odd-sized pieces, as a jar's inflater may
        Wav.copyAtVolume(new FilterInputStream(new ByteArrayInputStream(w)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 777));
            }
        }, out, 30);
        ByteBuffer got = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(w.length, out.size());
        for (int i = 0; i < samples.length; i++) {
            assertEquals((short) (samples[i] * 30 / 100), got.getShort(44 + 2 * i), "sample " + i);
        }
    }

    @Test
    void aDataSizeLargerThanTheFileAsEspeakWritesToAPipeIsReadToTheEnd() throws Exception {
        byte[] w = wav((short) 100, (short) 200);
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7fffffff);
        byte[] half = scaled(w, 50);
        assertEquals(50, ByteBuffer.wrap(half).order(ByteOrder.LITTLE_ENDIAN).getShort(44));
        assertEquals(100, ByteBuffer.wrap(half).order(ByteOrder.LITTLE_ENDIAN).getShort(46));
    }
}
