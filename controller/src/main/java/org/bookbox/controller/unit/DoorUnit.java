package org.bookbox.controller.unit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.FieldReader;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.scanner.Scanner;
import org.tinylog.Logger;

/**
 * A unit made of doors behind a scanner: a book nest or a pickup locker. At start it takes stock of
 * what each door's antennas see, so the backend knows the shelves before the first session.
 */
public final class DoorUnit implements Unit {

    private final UnitSpec spec;
    private final UnitEnv env;
    private final List<Door> doors;
    private final Scanner scanner;
    private final Output indicator;
    private final Alarms alarms;

    public DoorUnit(UnitSpec spec, UnitEnv env, List<Door> doors, Scanner scanner, Output indicator) {
        this.spec = spec;
        this.env = env;
        this.doors = doors;
        this.scanner = scanner;
        this.indicator = indicator;
        this.alarms = new Alarms(spec.name(), env.recorder());
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String kind() {
        return spec.kind();
    }

    @Override
    public List<Lock> locks() {
        return doors.stream().map(Door::lock).toList();
    }

    public List<Door> doors() {
        return doors;
    }

    public Scanner scanner() {
        return scanner;
    }

    @Override
    public void start() {
        for (Door door : doors) {
            door.sensor().onChange(open -> env.onContext(() ->
                    Logger.info("{} door {} {}", name(), door.name(), open ? "opened" : "closed")));
            if (!door.antennas().isEmpty()) {
                env.context().executeBlocking(() -> takeStock(door, "boot"), false);
            }
        }
    }

    /** Inventories a door's antennas and records an {@code inventory} event. */
    private Void takeStock(Door door, String reason) {
        JsonArray items = new JsonArray();
        for (Antenna antenna : door.antennas()) {
            try {
                FieldReader.readAll(antenna).forEach(r -> items.add(Items.json(r)));
                alarms.clear("reader_offline", door.name(), antenna + " answers again");
            } catch (ReaderException e) {
                alarms.raise("reader_offline", door.name(), e.getMessage());
                return null; // a partial inventory would read as books taken
            }
        }
        env.recorder().record("inventory", new JsonObject().put("unit", name()).put("door", door.name())
                .put("reason", reason).put("items", items));
        return null;
    }

    @Override
    public void stop() {
        doors.forEach(d -> d.lock().release());
        if (indicator != null) {
            indicator.set(false);
        }
    }

    @Override
    public JsonObject status() {
        JsonArray ds = new JsonArray();
        doors.forEach(d -> ds.add(d.status()));
        return new JsonObject().put("unit", name()).put("kind", kind()).put("doors", ds).put("alarms", alarms.status());
    }
}
