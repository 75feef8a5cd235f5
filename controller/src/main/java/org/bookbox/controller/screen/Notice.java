package org.bookbox.controller.screen;

import java.time.Instant;
import java.util.List;
import org.bookbox.controller.event.Refusal;

/**
 * What a unit's screen tells the reader now: one record per kind of message, carrying only its own
 * data; what it says ({@link #phrase}), how it looks ({@link #tone}) and how long it stays are decided
 * below, one switch each. Conditions ({@link #condition()}) stay until they clear; answers (a refusal,
 * a result, a book counted) are shown for a while, then the screen goes back to what it shows at rest;
 * the steps of a session ({@link #session()}) last until the next step.
 */
public sealed interface Notice {

    /** How the screen colours a notice. */
    enum Tone { READY, GOOD, REFUSED, WARNING }

    /** At rest: what to do. */
    record Ready(boolean chute) implements Notice {
    }

    record Refused(Refusal reason) implements Notice {
    }

    /** @param until when the door locks again if nobody opens it */
    record Unlocked(String door, Instant until) implements Notice {
    }

    record DoorOpen(String door) implements Notice {
    }

    record Counting(String door) implements Notice {
    }

    /** A session's end: the books by title where their tags or the backend gave one, else by id. */
    record Result(String door, List<String> taken, List<String> left) implements Notice {
    }

    record NotOpened(String door) implements Notice {
    }

    record LockFault(String door) implements Notice {
    }

    /** A drop box's stack: {@code count} books recorded since the chute was last quiet. */
    record Returned(int count, boolean lastUnread) implements Notice {
    }

    record LockedOut() implements Notice {
    }

    record LeftOpen(String door) implements Notice {
    }

    record BinFull() implements Notice {
    }

    record StorageFull() implements Notice {
    }

    record OutOfService() implements Notice {
    }

    default Phrase phrase() {
        return switch (this) {
            case Ready r -> r.chute() ? Phrase.PUSH_BOOKS : Phrase.SCAN_YOUR_CODE;
            case Refused r -> Phrase.refused(r.reason());
            case Unlocked u -> Phrase.DOOR_UNLOCKED;
            case DoorOpen o -> Phrase.DOOR_OPEN;
            case Counting c -> Phrase.COUNTING;
            case Result r -> Phrase.SESSION_DONE;
            case NotOpened n -> Phrase.DOOR_NOT_OPENED;
            case LockFault f -> Phrase.LOCK_FAULT;
            case Returned r -> r.lastUnread() ? Phrase.BOOK_NOT_READ : Phrase.BOOK_RECORDED;
            case LockedOut l -> Phrase.LOCKED_OUT;
            case LeftOpen l -> Phrase.DOOR_LEFT_OPEN;
            case BinFull b -> Phrase.BIN_FULL;
            case StorageFull s -> Phrase.STORAGE_FULL;
            case OutOfService o -> Phrase.OUT_OF_SERVICE;
        };
    }

    default Tone tone() {
        return switch (this) {
            case Ready r -> Tone.READY;
            case Refused r -> Tone.REFUSED;
            case LockFault f -> Tone.REFUSED;
            case OutOfService o -> Tone.REFUSED;
            case Unlocked u -> Tone.GOOD;
            case DoorOpen o -> Tone.GOOD;
            case Counting c -> Tone.GOOD;
            case Result r -> Tone.GOOD;
            case Returned r -> r.lastUnread() ? Tone.WARNING : Tone.GOOD;
            case NotOpened n -> Tone.WARNING;
            case LockedOut l -> Tone.WARNING;
            case LeftOpen l -> Tone.WARNING;
            case BinFull b -> Tone.WARNING;
            case StorageFull s -> Tone.WARNING;
        };
    }

    /** A state of the box that lasts until it clears (bin full, out of service, a door left open). */
    default boolean condition() {
        return this instanceof LockedOut || this instanceof LeftOpen || this instanceof BinFull
                || this instanceof StorageFull || this instanceof OutOfService;
    }

    /** A door unlocked, open or being counted: the reader is in a session, nothing times it out. */
    default boolean session() {
        return this instanceof Unlocked || this instanceof DoorOpen || this instanceof Counting;
    }

    /** The door the notice is about, or null (the records with a door answer with their own). */
    default String door() {
        return null;
    }
}
