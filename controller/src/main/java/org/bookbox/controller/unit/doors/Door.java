package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bookbox.controller.profile.UnitSpec.DoorSpec;
import org.bookbox.controller.unit.Worker;
import org.bookbox.drivers.door.DoorSensor;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.lock.LockFault;
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

    /**
     * Energises the lock: in line for a GPIO line, off the loop for a lock-control board, whose
     * exchange waits on the serial line.
     *
     * @param failedLater told, on the loop, of a fault of a board's exchange
     * @return the fault of a lock energised in line, or null
     */
    String pulse(Worker worker, Consumer<String> failedLater) {
        if (!lock.blocking()) {
            try {
                lock.energise();
                return null;
            } catch (LockFault e) {
                return e.getMessage();
            }
        }
        worker.<Void>run(() -> {
            lock.energise();
            return null;
        }, r -> {
            if (!r.ok()) {
                failedLater.accept(String.valueOf(r.failure().getMessage()));
            }
        });
        return null;
    }

    public JsonObject status() {
        return new JsonObject().put("door", name()).put("locked", !lock.energised()).put("open", sensor.isOpen());
    }
}
