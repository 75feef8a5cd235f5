package org.bookbox.controller.screen;

import java.time.Instant;
import java.util.List;
import org.bookbox.controller.event.Refusal;

/**
 * What a unit's screen tells the reader now: one record per kind of message, each with its phrase
 * and tone. Conditions ({@link #condition()}) stay until they clear; answers (a refusal, a result, a
 * book counted) are shown for a while, then the screen goes back to what it shows at rest.
 */
public sealed interface Notice {

    /** How the screen colours a notice. */
    enum Tone { READY, GOOD, REFUSED, WARNING }

    Phrase phrase();

    Tone tone();

    /** A state of the box that lasts until it clears (bin full, out of service, a door left open). */
    default boolean condition() {
        return false;
    }

    /** A door unlocked, open or being counted: the reader is in a session, nothing times it out. */
    default boolean session() {
        return false;
    }

    /** The door the notice is about, or null. */
    default String door() {
        return null;
    }

    /** At rest: what to do. */
    record Ready(boolean chute) implements Notice {
        public Phrase phrase() {
            return chute ? Phrase.PUSH_BOOKS : Phrase.SCAN_YOUR_CODE;
        }

        public Tone tone() {
            return Tone.READY;
        }
    }

    record Refused(Refusal reason) implements Notice {
        public Phrase phrase() {
            return Phrase.refused(reason);
        }

        public Tone tone() {
            return Tone.REFUSED;
        }
    }

    /** @param until when the door locks again if nobody opens it */
    record Unlocked(String door, Instant until) implements Notice {
        public Phrase phrase() {
            return Phrase.DOOR_UNLOCKED;
        }

        public Tone tone() {
            return Tone.GOOD;
        }

        @Override
        public boolean session() {
            return true;
        }
    }

    record DoorOpen(String door) implements Notice {
        public Phrase phrase() {
            return Phrase.DOOR_OPEN;
        }

        public Tone tone() {
            return Tone.GOOD;
        }

        @Override
        public boolean session() {
            return true;
        }
    }

    record Counting(String door) implements Notice {
        public Phrase phrase() {
            return Phrase.COUNTING;
        }

        public Tone tone() {
            return Tone.GOOD;
        }

        @Override
        public boolean session() {
            return true;
        }
    }

    /** A session's end: the books by title where their tags or the backend gave one, else by id. */
    record Result(String door, List<String> taken, List<String> left) implements Notice {
        public Phrase phrase() {
            return Phrase.SESSION_DONE;
        }

        public Tone tone() {
            return Tone.GOOD;
        }
    }

    record NotOpened(String door) implements Notice {
        public Phrase phrase() {
            return Phrase.DOOR_NOT_OPENED;
        }

        public Tone tone() {
            return Tone.WARNING;
        }
    }

    record LockFault(String door) implements Notice {
        public Phrase phrase() {
            return Phrase.LOCK_FAULT;
        }

        public Tone tone() {
            return Tone.REFUSED;
        }
    }

    /** A drop box's stack: {@code count} books recorded since the chute was last quiet. */
    record Returned(int count, boolean lastUnread) implements Notice {
        public Phrase phrase() {
            return lastUnread ? Phrase.BOOK_NOT_READ : Phrase.BOOK_RECORDED;
        }

        public Tone tone() {
            return lastUnread ? Tone.WARNING : Tone.GOOD;
        }
    }

    record LockedOut() implements Notice {
        public Phrase phrase() {
            return Phrase.LOCKED_OUT;
        }

        public Tone tone() {
            return Tone.WARNING;
        }

        @Override
        public boolean condition() {
            return true;
        }
    }

    record LeftOpen(String door) implements Notice {
        public Phrase phrase() {
            return Phrase.DOOR_LEFT_OPEN;
        }

        public Tone tone() {
            return Tone.WARNING;
        }

        @Override
        public boolean condition() {
            return true;
        }
    }

    record BinFull() implements Notice {
        public Phrase phrase() {
            return Phrase.BIN_FULL;
        }

        public Tone tone() {
            return Tone.WARNING;
        }

        @Override
        public boolean condition() {
            return true;
        }
    }

    record StorageFull() implements Notice {
        public Phrase phrase() {
            return Phrase.STORAGE_FULL;
        }

        public Tone tone() {
            return Tone.WARNING;
        }

        @Override
        public boolean condition() {
            return true;
        }
    }

    record OutOfService() implements Notice {
        public Phrase phrase() {
            return Phrase.OUT_OF_SERVICE;
        }

        public Tone tone() {
            return Tone.REFUSED;
        }

        @Override
        public boolean condition() {
            return true;
        }
    }
}
