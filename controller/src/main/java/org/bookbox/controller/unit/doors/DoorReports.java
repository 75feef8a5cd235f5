package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.controller.unit.Items;
import org.bookbox.controller.unit.Selftest;

/** What a unit of doors says of itself: its part of the status document, and its self-test. */
final class DoorReports {

    private DoorReports() {
    }

    /** Each door's lock, contact and session; a locker's compartments also say what is in them. */
    static JsonObject status(UnitSpec spec, List<DoorController> doors, Alarms alarms) {
        JsonArray ds = new JsonArray();
        for (DoorController d : doors) {
            JsonObject door = d.door().status().put("session", d.state().name().toLowerCase(Locale.ROOT));
            if (spec instanceof LockerSpec) {
                JsonArray items = new JsonArray();
                d.stock().values().forEach(r -> items.add(Items.json(r)));
                door.put("occupancy", d.occupancy().wire()).put("items", items);
            }
            ds.add(door);
        }
        return new JsonObject().put("unit", spec.name()).put("kind", spec.kind()).put("doors", ds).put("alarms", alarms.status());
    }

    /** Every door contact and antenna asked how it is; nothing moves. */
    static JsonObject selftest(String unit, List<DoorController> doors, Alarms alarms) {
        JsonArray ds = new JsonArray();
        for (DoorController d : doors) {
            ds.add(new JsonObject().put("door", d.door().name()).put("open", d.door().sensor().isOpen())
                    .put("locked", !d.door().lock().energised()).put("antennas", Selftest.antennas(d.door().antennas())));
        }
        return new JsonObject().put("unit", unit).put("scanner", alarms.isActive(AlarmKind.SCANNER_OFFLINE, null) ? "offline" : "online").put("doors", ds);
    }
}
