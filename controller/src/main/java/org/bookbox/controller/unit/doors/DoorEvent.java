package org.bookbox.controller.unit.doors;

import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.Outcome;
import org.bookbox.controller.unit.Worker;

/** What happens to a door: the input of {@link DoorController#on(DoorEvent)}. */
sealed interface DoorEvent {

    record Start(DoorSession session) implements DoorEvent { }

    record DoorOpened() implements DoorEvent { }

    record DoorClosed() implements DoorEvent { }

    record LatchOpened() implements DoorEvent { }

    record OpenWithinPassed() implements DoorEvent { }

    record LatchCheckDue() implements DoorEvent { }

    record SpringCheckDue() implements DoorEvent { }

    /** The lock could not be energised (its output, or its lock-control board). */
    record LockFailed(String detail) implements DoorEvent { }

    /** A count of the shelves came back, for the session it was taken for. */
    record Counted(DoorSession session, Worker.Outcome<Shelves.Count> result) implements DoorEvent { }

    /** Count the shelves once the door is idle (after a session or a forced door), and record the inventory. */
    record Recount(BoxEvent.InventoryReason reason) implements DoorEvent { }

    /** The agent is stopping or the unit failed. */
    record Abort(String why) implements DoorEvent { }
}
