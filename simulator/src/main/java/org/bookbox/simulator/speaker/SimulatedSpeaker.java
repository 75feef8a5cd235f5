package org.bookbox.simulator.speaker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.bookbox.drivers.speaker.Speaker;
import org.bookbox.drivers.speaker.SpeakerFault;
import org.bookbox.drivers.speaker.Wav;

/**
 * A loudspeaker that keeps a record instead of sound: what was played, in order, at which volume.
 * The recording goes through the same volume scaling as on a board, so a file that is no 16-bit
 * WAV fails here as it would there.
 */
public final class SimulatedSpeaker implements Speaker {

    /** The record is bounded: a simulated box left running speaks for weeks. */
    static final int KEPT = 200;

    private final List<JsonObject> played = new ArrayList<>();

    @Override
    public synchronized void play(String name, InputStream wav, int volume) throws SpeakerFault {
        CountingSink sink = new CountingSink();
        try {
            Wav.copyAtVolume(wav, sink, volume);
        } catch (IOException e) {
            throw new SpeakerFault(name + " cannot be read: " + e.getMessage(), e);
        }
        if (played.size() == KEPT) {
            played.removeFirst();
        }
        played.add(new JsonObject().put("played", name).put("volume", volume).put("bytes", sink.bytes));
    }

    /** Where the sound would go: only its length is kept. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /** What was played so far, oldest first. */
    public synchronized JsonArray played() {
        return new JsonArray(new ArrayList<>(played));
    }
}
