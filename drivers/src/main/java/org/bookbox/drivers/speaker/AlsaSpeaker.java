package org.bookbox.drivers.speaker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The board's sound card through ALSA's {@code aplay} (alsa-utils, on every Raspberry Pi OS): the
 * recording, already at its volume, is written to the player's standard input. A player that has not
 * finished well after the recording's own length is stopped: a stuck sound device must not hold
 * the next prompt for ever.
 */
public final class AlsaSpeaker implements Speaker {

    /** What a player is given beyond twice the recording's length before it counts as stuck. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** The most a recording's own length counts for: a header that does not know it says 0x7fffffff. */
    static final Duration LONGEST = Duration.ofMinutes(1);

    private final List<String> command;
    private final Duration grace;

    /** @param device an ALSA device name ({@code default}, {@code plughw:1,0}) */
    public AlsaSpeaker(String device) {
        this(List.of("aplay", "-q", "-D", device, "-"), GRACE);
    }

    /** @param command the player and its arguments, reading a WAV file on standard input */
    AlsaSpeaker(List<String> command, Duration grace) {
        this.command = List.copyOf(command);
        this.grace = grace;
    }

    @Override
    public void play(String name, InputStream wav, int volume) throws SpeakerFault {
        byte[] head;
        try {
            head = wav.readNBytes(Wav.HEAD);
        } catch (IOException e) {
            throw new SpeakerFault(name + " cannot be read: " + e.getMessage(), e);
        }
        Wav.Samples samples = Wav.samples(head); // a file that is no WAV starts no player
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SpeakerFault("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try (OutputStream in = p.getOutputStream()) {
            Wav.copyAtVolume(new SequenceInputStream(new ByteArrayInputStream(head), wav), in, volume);
        } catch (IOException e) {
            p.destroyForcibly();
            throw new SpeakerFault(command.get(0) + " stopped taking " + name + ": " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(limit(samples.declared(), grace).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SpeakerFault(command.get(0) + " did not finish " + name + " in time; stopped");
            }
            String said = new String(p.getInputStream().readNBytes(400), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new SpeakerFault(command.get(0) + " failed on " + name + " (exit " + p.exitValue() + ")" + (said.isEmpty() ? "" : ": " + said));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SpeakerFault("stopped while playing " + name, e);
        } catch (IOException e) {
            throw new SpeakerFault("no answer from " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Twice the recording's length (at 16 kHz, lower than espeak-ng's rate), at most {@link #LONGEST}, plus the grace; a length
     * the header does not know (a stream's 0x7fffffff) counts as the longest.
     */
    static Duration limit(long sampleBytes, Duration grace) {
        Duration twice = Duration.ofMillis(2 * (sampleBytes * 1000 / (16_000 * 2)));
        return grace.plus(twice.compareTo(LONGEST) < 0 ? twice : LONGEST);
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
