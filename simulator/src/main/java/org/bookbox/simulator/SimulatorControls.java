package org.bookbox.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bookbox.controller.Agent;
import org.bookbox.controller.api.HttpError;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.profile.UnitSpec.DoorSpec;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.controller.profile.UnitSpec.NestSpec;
import org.bookbox.controller.unit.doors.DoorUnit;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.part.PartUnavailableException;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.simulator.rfid.SimulatedTag;
import org.bookbox.simulator.rfid.TagField;

/**
 * The hands of someone standing at a simulated box: present a code to a scanner, open a door, put a
 * book on a shelf, push books down a chute, fill a bin. Every control acts on the simulated wires
 * and fields; the agent learns of it exactly as it would from hardware.
 */
public final class SimulatorControls {

    private final Agent agent;
    private final SimulatedBoard board;
    private final Set<String> jammed = ConcurrentHashMap.newKeySet();

    public SimulatorControls(Agent agent, SimulatedBoard board) {
        this.agent = agent;
        this.board = board;
        springDoors();
    }

    /** Spring-loaded compartment doors pop open when their lock is energised, unless jammed. */
    private void springDoors() {
        for (UnitSpec u : agent.profile().units()) {
            for (DoorSpec d : u.doors()) {
                if (!d.opensOnUnlock() || d.lock().address().kind() == PartAddress.Kind.LOCKBOARD) {
                    continue; // the board simulator pops its own doors
                }
                try {
                    board.output(d.lock().address()).onChange(on -> {
                        if (on && !jammed.contains(u.name() + "/" + d.name())) {
                            try {
                                board.drive(d.sensor(), true);
                            } catch (PartUnavailableException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
                } catch (PartUnavailableException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** A compartment whose bolt does not move: its lock is energised, its door stays shut. */
    public void jam(String unit, String door, boolean value) {
        DoorSpec d = unit(unit).doors().stream().filter(x -> x.name().equals(door)).findFirst()
                .orElseThrow(() -> HttpError.notFound("unit '" + unit + "' has no door '" + door + "'"));
        PartAddress lock = d.lock().address();
        if (lock.kind() == PartAddress.Kind.LOCKBOARD) {
            board.boardSimulator(lock.bus()).jammed(lock.board(), lock.number(), value);
        }
        if (value) {
            jammed.add(unit + "/" + door);
        } else {
            jammed.remove(unit + "/" + door);
        }
    }

    /** What the box's loudspeaker played, oldest first: each prompt as {@code <language>/<phrase>}. */
    public JsonArray played() {
        return board.speaker("default").played();
    }

    /** Every actuator, sensor, field and scanner, by unit. */
    public JsonObject state() throws PartUnavailableException {
        JsonArray units = new JsonArray();
        for (UnitSpec u : agent.profile().units()) {
            JsonObject unit = new JsonObject().put("unit", u.name()).put("kind", u.kind());
            JsonArray locks = new JsonArray();
            for (DoorSpec d : u.doors()) {
                boolean onBoard = d.lock().address().kind() == PartAddress.Kind.LOCKBOARD;
                // a lock-board lock is pulsed by its board; only GPIO locks have a line to read
                locks.add(new JsonObject().put("door", d.name()).put("address", d.lock().address().toString())
                        .put("energised", !onBoard && board.output(d.lock().address()).isOn()));
            }
            unit.put("locks", locks);
            if (u instanceof DropBoxSpec d) {
                unit.put("flap", new JsonObject().put("address", d.flap().address().toString())
                        .put("energised", board.output(d.flap().address()).isOn())
                        .put("state", board.output(d.flap().address()).isOn() ? "open" : "closed"));
                if (d.sorter().isPresent()) {
                    boolean on = board.output(d.sorter().get().address()).isOn();
                    unit.put("sorter", new JsonObject().put("address", d.sorter().get().address().toString())
                            .put("energised", on).put("bin", on ? d.sorter().get().onBin() : d.sorter().get().offBin()));
                }
            }
            if (u.indicator().isPresent()) {
                JsonObject indicator = new JsonObject().put("address", u.indicator().get().toString())
                        .put("on", board.output(u.indicator().get()).isOn());
                if (agent.unit(u.name()).orElse(null) instanceof DoorUnit x) {
                    indicator.put("pattern", x.feedback().pattern().name().toLowerCase(Locale.ROOT));
                }
                unit.put("indicator", indicator);
            }
            JsonObject sensors = new JsonObject();
            for (var e : sensors(u).entrySet()) {
                sensors.put(e.getKey(), board.input(e.getValue()).isActive());
            }
            unit.put("sensors", sensors);
            JsonObject antennas = new JsonObject();
            for (var e : antennas(u).entrySet()) {
                antennas.put(e.getKey(), SimulatedTags.field(board.field(e.getValue())));
            }
            unit.put("antennas", antennas);
            scannerAddress(u).ifPresent(a -> unit.put("scanner", a.toString()));
            units.add(unit);
        }
        return new JsonObject().put("units", units);
    }

    public void scan(String unit, String text) throws PartUnavailableException {
        PartAddress scanner = scannerAddress(unit(unit)).orElseThrow(() -> HttpError.notFound("unit '" + unit + "' has no scanner"));
        if (!board.scannerTwin(scanner).plugged()) {
            throw new HttpError(409, "the scanner of '" + unit + "' is unplugged");
        }
        board.scannerTwin(scanner).present(text);
    }

    /** Holds up a unit's event loop for a while, as a bug that blocks it would: systemd's watchdog must notice. */
    public void holdUp(String unit, Duration howLong) {
        unit(unit);
        agent.onUnitLoop(unit, () -> {
            try {
                Thread.sleep(howLong.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Silences a lock-control board (or brings it back), as a board losing power would. */
    public void boardSilent(String bus, int boardNumber, boolean silent) {
        var sim = board.boardSimulator(bus);
        if (sim == null) {
            throw HttpError.notFound("no lock-board bus '" + bus + "'");
        }
        sim.silent(boardNumber, silent);
    }

    /** Pulls a unit's scanner's plug, or puts it back. */
    public void scannerPlugged(String unit, boolean plugged) throws PartUnavailableException {
        PartAddress scanner = scannerAddress(unit(unit)).orElseThrow(() -> HttpError.notFound("unit '" + unit + "' has no scanner"));
        board.scannerTwin(scanner).plugged(plugged);
    }

    public void door(String unit, String door, boolean open) throws PartUnavailableException {
        DoorSpec d = unit(unit).doors().stream().filter(x -> x.name().equals(door)).findFirst()
                .orElseThrow(() -> HttpError.notFound("unit '" + unit + "' has no door '" + door + "'"));
        board.drive(d.sensor(), open);
    }

    public void sensor(String unit, String sensor, boolean active) throws PartUnavailableException {
        Map<String, PartAddress> sensors = sensors(unit(unit));
        PartAddress a = sensors.get(sensor);
        if (a == null) {
            throw HttpError.notFound("unit '" + unit + "' has no sensor '" + sensor + "' (it has " + sensors.keySet() + ")");
        }
        board.drive(a, active);
    }

    /** Puts a tag in an antenna's field, made from an item ({@code item}, {@code owner}, ...) or from raw {@code memory} in hex. */
    public JsonObject putTag(String unit, String antenna, JsonObject tag) throws PartUnavailableException {
        SimulatedTag t = SimulatedTags.make(tag);
        antenna(unit, antenna).put(t);
        return SimulatedTags.state(t);
    }

    public void removeTag(String unit, String antenna, String uid) throws PartUnavailableException {
        TagUid u;
        try {
            u = TagUid.parse(uid);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        if (!antenna(unit, antenna).remove(u)) {
            throw HttpError.notFound("no tag " + uid + " in the field of " + antenna);
        }
    }

    public JsonObject antennaState(String unit, String antenna) throws PartUnavailableException {
        return SimulatedTags.field(antenna(unit, antenna));
    }

    public void antennaOffline(String unit, String antenna, boolean offline) throws PartUnavailableException {
        antenna(unit, antenna).offline(offline);
    }

    /**
     * Passes things through a drop box's chute: the eye breaks, the tags are in the chute antenna's
     * field for {@code dwell}, then they leave the field as the book falls past the eye and the eye clears:
     * whatever the box writes to a tag, it writes while the book is in the chute.
     * An empty list is something with no tag at all.
     */
    public JsonObject chute(String unit, JsonArray items, Duration dwell) throws PartUnavailableException {
        if (!(unit(unit) instanceof DropBoxSpec d)) {
            throw HttpError.badRequest("unit '" + unit + "' is not a drop box");
        }
        List<SimulatedTag> tags = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.getValue(i) instanceof JsonObject o)) {
                throw HttpError.badRequest("items[" + i + "] must be an object");
            }
            tags.add(SimulatedTags.make(o));
        }
        if (!board.output(d.flap().address()).isOn()) {
            throw new HttpError(409, "the intake flap of '" + unit + "' is closed: nothing can be pushed in");
        }
        TagField field = board.field(d.chuteAntennas().get(0));
        board.drive(d.chuteEye(), true);
        tags.forEach(field::put);
        agent.vertx().setTimer(Math.max(1, dwell.toMillis()), t -> {
            // the book has passed: it is out of the antenna's field as it clears the eye, falling into the bin
            tags.forEach(tag -> field.remove(tag.uid()));
            try {
                board.drive(d.chuteEye(), false);
            } catch (PartUnavailableException e) {
                throw new IllegalStateException(e);
            }
        });
        JsonArray uids = new JsonArray();
        tags.forEach(tag -> uids.add(SimulatedTags.state(tag)));
        return new JsonObject().put("unit", unit).put("dwell_ms", dwell.toMillis()).put("tags", uids);
    }

    private UnitSpec unit(String name) {
        return agent.profile().unit(name).orElseThrow(() -> HttpError.notFound("no unit '" + name + "'"));
    }

    private TagField antenna(String unit, String antenna) throws PartUnavailableException {
        Map<String, PartAddress> antennas = antennas(unit(unit));
        PartAddress a = antennas.get(antenna);
        if (a == null) {
            throw HttpError.notFound("unit '" + unit + "' has no antenna '" + antenna + "' (it has " + antennas.keySet() + ")");
        }
        return board.field(a);
    }

    /** Sensors by the names the simulator uses: {@code chute-eye}, {@code <bin>-full}, {@code <door>-door}. */
    static Map<String, PartAddress> sensors(UnitSpec u) {
        Map<String, PartAddress> out = new LinkedHashMap<>();
        if (u instanceof DropBoxSpec d) {
            out.put("chute-eye", d.chuteEye());
            d.bins().forEach(b -> b.fullSensor().ifPresent(s -> out.put(b.name() + "-full", s)));
        }
        u.doors().forEach(d -> out.put(d.name() + "-door", d.sensor()));
        return out;
    }

    /** Antennas by the names the simulator uses: {@code chute-1}, {@code <door>-1}, ... */
    static Map<String, PartAddress> antennas(UnitSpec u) {
        Map<String, PartAddress> out = new LinkedHashMap<>();
        if (u instanceof DropBoxSpec d) {
            for (int i = 0; i < d.chuteAntennas().size(); i++) {
                out.put("chute-" + (i + 1), d.chuteAntennas().get(i));
            }
        }
        for (DoorSpec door : u.doors()) {
            for (int i = 0; i < door.antennas().size(); i++) {
                out.put(door.name() + "-" + (i + 1), door.antennas().get(i));
            }
        }
        return out;
    }

    private static Optional<PartAddress> scannerAddress(UnitSpec u) {
        return switch (u) {
            case NestSpec n -> Optional.of(n.scanner().address());
            case LockerSpec l -> Optional.of(l.scanner().address());
            case DropBoxSpec d -> Optional.empty();
        };
    }

}
