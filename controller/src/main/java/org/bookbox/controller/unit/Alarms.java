package org.bookbox.controller.unit;

import io.vertx.core.json.JsonArray;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.BoxEvent;

/**
 * A unit's active alarms. Each start and each clear is an {@code alarm} event; raising an alarm
 * that is already active records nothing new.
 */
public final class Alarms {

    private final String unit;
    private final Consumer<BoxEvent> recorder;
    private final Map<String, String> active = new ConcurrentHashMap<>();
    private final Watch onChange;

    /** Told after each start and clear of an alarm: the indicator and the reader's screen follow them. */
    public interface Watch {
        void changed(AlarmKind kind, String door, boolean active);
    }

    public Alarms(String unit, Consumer<BoxEvent> recorder) {
        this(unit, recorder, (kind, door, on) -> { });
    }

    /** @param recorder journals an event */
    public Alarms(String unit, Consumer<BoxEvent> recorder, Watch onChange) {
        this.unit = unit;
        this.recorder = recorder;
        this.onChange = onChange;
    }

    public void raise(AlarmKind kind, String door, String detail) {
        if (active.putIfAbsent(key(kind, door), detail) == null) {
            record(kind, door, true, detail);
            onChange.changed(kind, door, true);
        }
    }

    public void clear(AlarmKind kind, String door, String detail) {
        if (active.remove(key(kind, door)) != null) {
            record(kind, door, false, detail);
            onChange.changed(kind, door, false);
        }
    }

    /** Takes on an alarm still active from before a restart, without recording it a second time. */
    public void adopt(AlarmKind kind, String door, String detail) {
        if (active.putIfAbsent(key(kind, door), detail == null ? "" : detail) == null) {
            onChange.changed(kind, door, true);
        }
    }

    public boolean isActive(AlarmKind kind, String door) {
        return active.containsKey(key(kind, door));
    }

    /** Whether an alarm of this kind is active on any door. */
    public boolean anyActive(AlarmKind kind) {
        return active.keySet().stream().anyMatch(k -> k.equals(kind.wire()) || k.startsWith(kind.wire() + ":"));
    }

    /** The status document's list: the kind, with the door where there is one ({@code door_left_open:left}). */
    public JsonArray status() {
        JsonArray a = new JsonArray();
        active.keySet().stream().sorted().forEach(a::add);
        return a;
    }

    private void record(AlarmKind kind, String door, boolean on, String detail) {
        recorder.accept(new BoxEvent.Alarm(kind, unit, door, on, detail));
    }

    private static String key(AlarmKind kind, String door) {
        return door == null ? kind.wire() : kind.wire() + ":" + door;
    }
}
