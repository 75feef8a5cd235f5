package org.bookbox.drivers.speaker;

import java.io.InputStream;

/**
 * The box's loudspeaker: plays one recording to its end, then returns. Callers play one at a time
 * from a worker thread (a prompt lasts seconds).
 */
public interface Speaker {

    /**
     * Plays a WAV recording (16-bit PCM) at a volume, read from the stream as it plays.
     *
     * @param name    what is played, for the log and the simulated speaker's record ({@code en/refused.expired})
     * @param volume  0 to 100, the share of the recording's own loudness
     */
    void play(String name, InputStream wav, int volume) throws SpeakerFault;
}
