package org.bookbox.controller.unit.dropbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.controller.unit.Selftest;
import org.bookbox.controller.unit.Unit;
import org.bookbox.controller.unit.UnitEnv;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.lock.LockFault;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.rfid.Antenna;

/**
 * A drop box: a chute with an eye and an antenna, an intake flap, one or more bins and a sorter.
 * Every book through the chute is a {@code return} ({@link ChuteCycle}). The flap is open (its lock
 * energised) only while every bin has room; a full bin closes it and raises {@code bin_full} until
 * the sensor clears; what was already in the chute is still recorded.
 */
public final class DropBox implements Unit {

    private final DropBoxSpec spec;
    private final UnitEnv env;
    private final Input chuteEye;
    private final List<Antenna> chuteAntennas;
    private final Lock flap;
    private final Map<String, Input> binFull;
    private final Output sorter;
    private final Output indicator;
    private final Alarms alarms;
    private final ChuteCycle chute;

    /** How often the chute's antenna is inventoried while the eye is broken. */
    static final Duration CHUTE_POLL = Duration.ofMillis(40);

    public DropBox(DropBoxSpec spec, UnitEnv env, Input chuteEye, List<Antenna> chuteAntennas, Lock flap,
                   Map<String, Input> binFull, Output sorter, Output indicator) {
        this.spec = spec;
        this.env = env;
        this.chuteEye = chuteEye;
        this.chuteAntennas = chuteAntennas;
        this.flap = flap;
        this.binFull = binFull;
        this.sorter = sorter;
        this.indicator = indicator;
        this.alarms = new Alarms(spec.name(), env::record, env.screen()::alarm);
        JsonObject place = new JsonObject().put("library", env.libraryIsil());
        if (env.location() != null) {
            place.put("location", env.location());
        }
        this.chute = new ChuteCycle(spec, chuteEye, chuteAntennas, sorter, new BinRules(spec, env.libraryIsil()), env.recorder(),
                alarms, env.clock(), CHUTE_POLL, place, env.threads());
        chute.onCounted(env.screen()::returned);
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String kind() {
        return "dropbox";
    }

    @Override
    public List<Lock> locks() {
        return List.of(flap);
    }

    /**
     * Called for each item the chute has settled (true: one that could not be read): its return is
     * noted, its security written and its event handed to the journal. The screen counts a stack by it.
     */
    public void onCounted(Consumer<Boolean> listener) {
        chute.onCounted(listener);
    }

    public Input chuteEye() {
        return chuteEye;
    }

    public List<Antenna> chuteAntennas() {
        return chuteAntennas;
    }

    @Override
    public void start() {
        binFull.forEach((bin, sensor) -> sensor.onChange(full -> env.onContext(this::updateFlap)));
        env.storage().onChange(() -> env.onContext(this::updateFlap));
        env.onContext(this::updateFlap);
        chute.start();
    }

    /**
     * Opens the flap while every bin has room and the journal has room to record what comes in;
     * closes it and raises bin_full for each full bin (storage_full is the agent's alarm).
     */
    private void updateFlap() {
        boolean binsFull = false;
        for (var e : binFull.entrySet()) {
            if (e.getValue().isActive()) {
                binsFull = true;
                alarms.raise(AlarmKind.BIN_FULL, null, "bin " + e.getKey() + " is full; intake flap closed");
            }
        }
        if (!binsFull) {
            alarms.clear(AlarmKind.BIN_FULL, null, "bins emptied");
        }
        if (binsFull || env.storage().full()) {
            flap.release();
        } else {
            try {
                flap.energise();
                alarms.clear(AlarmKind.LOCK_FAULT, null, "the intake flap opens again");
            } catch (LockFault e) {
                // a flap that does not open takes nothing in: nothing is lost, and the alarm says why
                alarms.raise(AlarmKind.LOCK_FAULT, null, "the intake flap did not open: " + e.getMessage());
            }
        }
    }

    /** A drop box keeps nothing on shelves: what passed the chute is in its returns. */
    @Override
    public boolean inventory(String door) {
        return false;
    }

    @Override
    public JsonObject selftest() {
        JsonObject bins = new JsonObject();
        binFull.forEach((bin, sensor) -> bins.put(bin, sensor.isActive() ? "full" : "room"));
        return new JsonObject().put("unit", name()).put("chute_eye", chuteEye.isActive() ? "broken" : "clear")
                .put("antennas", Selftest.antennas(chuteAntennas)).put("bins", bins)
                .put("flap", flap.energised() ? "open" : "closed");
    }

    @Override
    public void recover(Throwable cause) {
        // the agent has released the flap already; updateFlap opens it again only if every bin has room
        alarms.raise(AlarmKind.UNIT_FAULT, null, "failed: " + cause + "; flap closed, unit restarting");
        updateFlap();
        alarms.clear(AlarmKind.UNIT_FAULT, null, "unit restarted");
    }

    @Override
    public void stop() {
        chute.stop();
        flap.release();
        if (sorter != null) {
            sorter.set(false);
        }
        if (indicator != null) {
            indicator.set(false);
        }
    }

    @Override
    public JsonObject status() {
        return new JsonObject().put("unit", name()).put("kind", kind()).put("doors", new JsonArray())
                .put("flap", flap.energised() ? "open" : "closed").put("alarms", alarms.status());
    }
}
