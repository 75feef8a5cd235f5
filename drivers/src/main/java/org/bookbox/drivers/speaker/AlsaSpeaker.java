package org.bookbox.drivers.speaker;

import java.io.IOException;
import java.io.OutputStream;
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
    public void play(String name, byte[] wav, int volume) throws SpeakerFault {
        byte[] scaled = Wav.atVolume(wav, volume);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SpeakerFault("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(scaled);
        } catch (IOException e) {
            p.destroyForcibly();
            throw new SpeakerFault(command.get(0) + " stopped taking " + name + ": " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(limit(scaled, grace).toMillis(), TimeUnit.MILLISECONDS)) {
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

    /** Twice the recording's length (at 16 kHz, lower than espeak-ng's rate) plus the grace. */
    static Duration limit(byte[] wav, Duration grace) {
        return grace.plusMillis(2L * wav.length * 1000 / (16_000 * 2));
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
