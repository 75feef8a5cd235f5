package org.bookbox.drivers.speaker;

/** A recording that could not be played: no sound device, a player that failed or hung, a file that is no WAV. */
public class SpeakerFault extends Exception {

    public SpeakerFault(String message) {
        super(message);
    }

    public SpeakerFault(String message, Throwable cause) {
        super(message, cause);
    }
}
