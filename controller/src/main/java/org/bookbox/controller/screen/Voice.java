package org.bookbox.controller.screen;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.bookbox.drivers.speaker.Speaker;
import org.bookbox.drivers.speaker.SpeakerFault;
import org.tinylog.Logger;

/**
 * The box's voice: speaks phrases through its one loudspeaker, in the order they were asked for,
 * one at a time, on a worker thread (a prompt lasts seconds; the unit's loop never waits for it).
 * Only a few prompts wait: a reader needs the latest, not a backlog, so the oldest waiting one is
 * dropped when more come.
 */
public final class Voice {

    /** Prompts waiting behind the one playing. */
    static final int WAITING = 3;

    private final Speaker speaker;
    private final int volume;
    private final Executor worker;
    private final ArrayDeque<Prompt> waiting = new ArrayDeque<>();
    private boolean playing;

    record Prompt(Phrase phrase, Language language) {
        String name() {
            return language.tag() + "/" + phrase.key();
        }
    }

    /**
     * @param volume 0 to 100
     * @param worker where prompts are played (a blocking call each)
     */
    public Voice(Speaker speaker, int volume, Executor worker) {
        this.speaker = speaker;
        this.volume = volume;
        this.worker = worker;
    }

    /** A voice that says nothing: the profile turned it off. */
    public static Voice off() {
        return new Voice(null, 0, Runnable::run);
    }

    public boolean on() {
        return speaker != null;
    }

    public void say(Phrase phrase, Language language) {
        if (speaker == null) {
            return;
        }
        synchronized (this) {
            if (waiting.size() == WAITING) {
                Logger.debug("voice: {} dropped, newer prompts waiting", waiting.removeFirst().name());
            }
            waiting.add(new Prompt(phrase, language));
            if (playing) {
                return;
            }
            playing = true;
        }
        next();
    }

    private void next() {
        Prompt p;
        synchronized (this) {
            p = waiting.poll();
            if (p == null) {
                playing = false;
                return;
            }
        }
        try {
            worker.execute(() -> {
                play(p);
                next();
            });
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                waiting.clear();
                playing = false; // the agent is stopping
            }
        }
    }

    private void play(Prompt p) {
        try (InputStream wav = Phrases.voiceStream(p.phrase(), p.language())) {
            if (wav == null) {
                Logger.error("voice: no recording {} in this build", p.name());
                return;
            }
            speaker.play(p.name(), wav, volume);
        } catch (SpeakerFault e) {
            // a silent box still shows every message on its screen
            Logger.warn("voice: {} not played: {}", p.name(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            Logger.error(e, "voice: {} failed", p.name());
        }
    }
}
