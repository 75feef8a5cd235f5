package org.bookbox.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.profile.UnitSpec.DoorSpec;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.profile.UnitSpec.LockSpec;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.controller.profile.UnitSpec.NestSpec;
import org.bookbox.controller.unit.Unit;
import org.bookbox.controller.unit.UnitEnv;
import org.bookbox.controller.unit.doors.Door;
import org.bookbox.controller.unit.doors.DoorUnit;
import org.bookbox.controller.unit.dropbox.DropBox;
import org.bookbox.drivers.board.Board;
import org.bookbox.drivers.door.DoorSensor;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.lock.LimitedLock;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.lock.OutputLock;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.part.PartUnavailableException;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.time.Timers;

/** Wires each unit of the profile to the parts the board hands out for its addresses. */
public final class UnitFactory {

    private final Board board;
    private final Timers timers;

    public UnitFactory(Board board, Timers timers) {
        this.board = board;
        this.timers = timers;
    }

    /** Every lock of the profile, released: the first thing the agent does, before any other part is touched. */
    public List<Lock> releaseAllLocks(List<UnitSpec> units) throws PartUnavailableException {
        List<Lock> locks = new ArrayList<>();
        for (UnitSpec unit : units) {
            for (LockSpec spec : lockSpecs(unit)) {
                if (spec.address().kind() == PartAddress.Kind.LOCKBOARD) {
                    continue; // a CU board relocks by itself; there is no line of ours to release
                }
                Lock lock = new OutputLock(board.output(spec.address()));
                lock.release();
                locks.add(lock);
            }
        }
        return locks;
    }

    private static List<LockSpec> lockSpecs(UnitSpec unit) {
        List<LockSpec> specs = new ArrayList<>(unit.doors().stream().map(DoorSpec::lock).toList());
        if (unit instanceof DropBoxSpec d) {
            specs.add(d.flap());
        }
        return specs;
    }

    public Unit build(UnitSpec spec, UnitEnv env) throws PartUnavailableException {
        return switch (spec) {
            case DropBoxSpec d -> dropBox(d, env);
            case NestSpec n -> new DoorUnit(n, env, doors(n.doors()), board.scanner(n.scanner().address(), n.scanner().suffix()), output(n.indicator()));
            case LockerSpec l -> new DoorUnit(l, env, doors(l.doors()), board.scanner(l.scanner().address(), l.scanner().suffix()), output(l.indicator()));
        };
    }

    private Unit dropBox(DropBoxSpec d, UnitEnv env) throws PartUnavailableException {
        Map<String, Input> full = new LinkedHashMap<>();
        for (UnitSpec.BinSpec bin : d.bins()) {
            if (bin.fullSensor().isPresent()) {
                full.put(bin.name(), board.input(bin.fullSensor().get()));
            }
        }
        return new DropBox(d, env, board.input(d.chuteEye()), antennas(d.chuteAntennas()), lock(d.flap()), full,
                output(d.sorter().map(UnitSpec.SorterSpec::address)), output(d.indicator()));
    }

    private List<Door> doors(List<DoorSpec> specs) throws PartUnavailableException {
        List<Door> doors = new ArrayList<>();
        for (DoorSpec spec : specs) {
            Optional<Input> latch = spec.lockSensor().isPresent() ? Optional.of(board.input(spec.lockSensor().get())) : Optional.empty();
            doors.add(new Door(spec, lock(spec.lock()), DoorSensor.on(board.input(spec.sensor())), latch, antennas(spec.antennas())));
        }
        return List.copyOf(doors);
    }

    private Lock lock(LockSpec spec) throws PartUnavailableException {
        if (spec.address().kind() == PartAddress.Kind.LOCKBOARD) {
            return board.boardLock(spec.address(), spec.maxOn());
        }
        return new LimitedLock(new OutputLock(board.output(spec.address())), spec.maxOn(), timers);
    }

    private List<Antenna> antennas(List<PartAddress> addresses) throws PartUnavailableException {
        List<Antenna> out = new ArrayList<>();
        for (PartAddress a : addresses) {
            out.add(board.antenna(a));
        }
        return List.copyOf(out);
    }

    private Output output(Optional<PartAddress> address) throws PartUnavailableException {
        return address.isPresent() ? board.output(address.get()) : null;
    }
}
