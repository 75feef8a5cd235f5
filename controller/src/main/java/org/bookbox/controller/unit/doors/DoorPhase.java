package org.bookbox.controller.unit.doors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bookbox.drivers.time.Timers;

/** The phases of a door, each carrying its own data and timers (see {@link DoorController}). */
sealed interface DoorPhase {

    /** How long a spring-loaded door has, after its pulse, to pop open. */
    Duration SPRING_GRACE = Duration.ofSeconds(1);

    /** The timers this phase runs: cancelled when the door leaves it, unless the next phase keeps them. */
    default List<Timers.Pending> timers() {
        return List.of();
    }

    /** The phase's name, for the status document. */
    DoorController.State state();

    /** The session under way, or null. */
    default DoorSession session() {
        return null;
    }

    record Idle() implements DoorPhase {
        @Override
        public DoorController.State state() {
            return DoorController.State.IDLE;
        }
    }

    /** @param check the latch check, or the spring check, or null */
    record Unlocked(DoorSession session, Timers.Pending openWithin, Timers.Pending check, boolean latchSeen, boolean retried)
            implements DoorPhase {

        @Override
        public DoorController.State state() {
            return DoorController.State.UNLOCKED;
        }

        /**
         * A door just pulsed: it has {@code open_within_s} to be opened; a spring-loaded door must pop
         * open within its pulse and a grace, a door with a latch contact must report the latch open.
         */
        static Unlocked arm(DoorSession s, Door door, Timers timers, Consumer<DoorEvent> on) {
            Timers.Pending openWithin = timers.after(s.request.openWithin(), () -> on.accept(new DoorEvent.OpenWithinPassed()));
            Timers.Pending check = null;
            boolean latchSeen = false;
            if (door.spec().opensOnUnlock()) {
                check = timers.after(door.spec().lock().maxOn().plus(SPRING_GRACE), () -> on.accept(new DoorEvent.SpringCheckDue()));
            } else if (door.latch().isPresent()) {
                // give the solenoid its full pulse, and the contact a moment to report
                check = timers.after(door.spec().lock().maxOn().plusMillis(200), () -> on.accept(new DoorEvent.LatchCheckDue()));
                latchSeen = door.latch().get().isActive();
            } else {
                latchSeen = true; // nothing can tell: the pulse going out is all there is
            }
            if (latchSeen) {
                s.unlatched.complete(true);
            }
            return new Unlocked(s, openWithin, check, latchSeen, false);
        }

        Unlocked withLatchOpen() {
            session.unlatched.complete(true);
            return new Unlocked(session, openWithin, check, true, retried);
        }

        /** Pulsed a second time, with a new spring check. */
        Unlocked pulsedAgain(Timers.Pending springCheck) {
            return new Unlocked(session, openWithin, springCheck, latchSeen, true);
        }

        @Override
        public List<Timers.Pending> timers() {
            List<Timers.Pending> out = new ArrayList<>();
            out.add(openWithin);
            if (check != null) {
                out.add(check);
            }
            return out;
        }
    }

    record Open(DoorSession session, Instant openedAt, Timers.Pending leftOpen) implements DoorPhase {
        @Override
        public DoorController.State state() {
            return DoorController.State.OPEN;
        }

        @Override
        public List<Timers.Pending> timers() {
            return List.of(leftOpen);
        }
    }

    record Counting(DoorSession session, Instant openedAt, Instant closedAt, boolean reopened) implements DoorPhase {
        @Override
        public DoorController.State state() {
            return DoorController.State.COUNTING;
        }
    }
}
