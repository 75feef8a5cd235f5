package org.bookbox.controller.unit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.ReaderException;

/** Self-test pieces shared by the units: asking antennas whether they answer, and how many tags they see. */
public final class Selftest {

    private Selftest() {
    }

    public static JsonArray antennas(List<Antenna> antennas) {
        JsonArray out = new JsonArray();
        for (Antenna a : antennas) {
            JsonObject r = new JsonObject().put("antenna", a.toString());
            try {
                r.put("ok", true).put("tags", a.inventory().size());
            } catch (ReaderException e) {
                r.put("ok", false).put("error", e.getMessage());
            }
            out.add(r);
        }
        return out;
    }
}
