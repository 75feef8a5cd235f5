package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.bookbox.controller.profile.UnitSpec.DoorSpec;
import org.bookbox.drivers.door.DoorSensor;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.rfid.Antenna;

/**
 * A door of a nest or a compartment of a locker, with the parts the profile gave it.
 *
 * @param latch the lock's feedback contact (active = latch open), where the profile names one
 */
public record Door(DoorSpec spec, Lock lock, DoorSensor sensor, Optional<Input> latch, List<Antenna> antennas) {

    public String name() {
        return spec.name();
    }

    public JsonObject status() {
        return new JsonObject().put("door", name()).put("locked", !lock.energised()).put("open", sensor.isOpen());
    }
}
