package org.bookbox.controller.unit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bookbox.controller.journal.EventRecorder;

/**
 * A unit's active alarms. Each start and each clear is an {@code alarm} event; raising an alarm
 * that is already active records nothing new.
 */
public final class Alarms {

    private final String unit;
    private final EventRecorder recorder;
    private final Map<String, String> active = new ConcurrentHashMap<>();

    public Alarms(String unit, EventRecorder recorder) {
        this.unit = unit;
        this.recorder = recorder;
    }

    public void raise(String kind, String door, String detail) {
        if (active.putIfAbsent(key(kind, door), detail) == null) {
            record(kind, door, true, detail);
        }
    }

    public void clear(String kind, String door, String detail) {
        if (active.remove(key(kind, door)) != null) {
            record(kind, door, false, detail);
        }
    }

    public boolean isActive(String kind, String door) {
        return active.containsKey(key(kind, door));
    }

    /** The status document's list: the kind, with the door where there is one ({@code door_left_open:left}). */
    public JsonArray status() {
        JsonArray a = new JsonArray();
        active.keySet().stream().sorted().forEach(a::add);
        return a;
    }

    private void record(String kind, String door, boolean on, String detail) {
        recorder.record("alarm", new JsonObject().put("kind", kind).put("unit", unit).put("door", door)
                .put("active", on).put("detail", detail));
    }

    private static String key(String kind, String door) {
        return door == null ? kind : kind + ":" + door;
    }
}
