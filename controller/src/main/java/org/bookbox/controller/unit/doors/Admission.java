package org.bookbox.controller.unit.doors;

import java.util.List;
import java.util.Optional;
import org.bookbox.controller.event.Mode;
import org.bookbox.controller.event.Occupancy;
import org.bookbox.controller.event.Refusal;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.controller.profile.UnitSpec.NestSpec;
import org.bookbox.controller.token.Token;

/** Matches a verified token to what a unit offers and to a free door: which door opens, in which mode, or why none. */
final class Admission {

    sealed interface Decision { }

    record Admit(DoorController door, Mode mode) implements Decision { }

    record Refuse(Refusal refusal, String detail) implements Decision { }

    private Admission() {
    }

    static Decision decide(UnitSpec spec, List<DoorController> doors, Token t) {
        Mode mode;
        Optional<DoorController> door;
        switch (spec) {
            case NestSpec n when t.act().contains(n.policy()) -> {
                mode = nestMode(n);
                door = firstFree(doors);
            }
            case LockerSpec l when t.act().contains("load") && !t.role().equals("patron") && !t.act().contains("pickup") -> {
                mode = Mode.LOAD;
                if (t.door() != null) {
                    Optional<DoorController> named = named(doors, t.door());
                    if (named.isEmpty()) {
                        return notThisUnits(t);
                    }
                    // loading never disturbs a compartment that holds someone's books; one whose content is
                    // unknown (no antenna, not loaded since the start) is opened only when staff name it
                    door = named.filter(d -> !d.busy() && d.occupancy() != Occupancy.OCCUPIED);
                } else {
                    door = doors.stream().filter(d -> !d.busy() && d.occupancy() == Occupancy.EMPTY).findFirst();
                }
            }
            case LockerSpec l when t.act().contains("pickup") -> {
                mode = Mode.PICKUP;
                Optional<DoorController> named = named(doors, t.door());
                if (named.isEmpty()) {
                    return notThisUnits(t);
                }
                door = named.filter(d -> !d.busy());
            }
            default -> {
                if (!t.act().contains("service") || t.role().equals("patron")) {
                    return new Refuse(Refusal.NOT_ALLOWED, "this " + spec.kind() + " offers nothing in " + t.act());
                }
                mode = Mode.SERVICE;
                if (t.door() != null && named(doors, t.door()).isEmpty()) {
                    return notThisUnits(t);
                }
                door = t.door() == null ? firstFree(doors) : named(doors, t.door()).filter(d -> !d.busy());
            }
        }
        if (door.isEmpty()) {
            return new Refuse(Refusal.BUSY, mode == Mode.LOAD ? "no empty compartment to load" : "no free door");
        }
        return new Admit(door.get(), mode);
    }

    /** What the backend's {@code unlock} may ask of a unit: its nest's policy or a locker's modes, and service. */
    static List<Mode> offered(UnitSpec spec) {
        return spec instanceof NestSpec n ? List.of(nestMode(n), Mode.SERVICE) : List.of(Mode.PICKUP, Mode.LOAD, Mode.SERVICE);
    }

    /** A nest's policy (exchange or borrow; the profile loader allows no other). */
    private static Mode nestMode(NestSpec n) {
        return Mode.of(n.policy()).orElseThrow();
    }

    private static Refuse notThisUnits(Token t) {
        return new Refuse(Refusal.NOT_ALLOWED, "door '" + t.door() + "' is not this unit's");
    }

    private static Optional<DoorController> named(List<DoorController> doors, String name) {
        return doors.stream().filter(d -> d.door().name().equals(name)).findFirst();
    }

    private static Optional<DoorController> firstFree(List<DoorController> doors) {
        return doors.stream().filter(d -> !d.busy()).findFirst();
    }
}
