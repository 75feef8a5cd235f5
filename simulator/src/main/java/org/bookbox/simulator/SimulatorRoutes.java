package org.bookbox.simulator;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.bookbox.controller.api.HttpError;
import org.bookbox.controller.api.LocalApi;
import org.bookbox.controller.api.RouteSet;
import org.bookbox.controller.api.Routes;

/** The simulator's controls over HTTP, under {@code /sim}; documented in the README. */
final class SimulatorRoutes implements RouteSet {

    private final SimulatorControls sim;

    SimulatorRoutes(SimulatorControls sim) {
        this.sim = sim;
    }

    @Override
    public void addTo(Routes routes) {
        routes.add(HttpMethod.GET, "/sim", c -> Routes.Reply.ok(sim.state()));
        routes.add(HttpMethod.GET, "/sim/speaker", c -> Routes.Reply.ok(new JsonObject().put("played", sim.played())));
        routes.add(HttpMethod.POST, "/sim/units/{unit}/scan", c -> {
            sim.scan(c.param("unit"), scannedText(c));
            return accepted("scanned");
        });
        routes.add(HttpMethod.POST, "/sim/units/{unit}/hold-up", c -> {
            long ms = c.body().toJsonObject().getValue("ms") instanceof Number n ? n.longValue() : -1;
            if (ms < 1 || ms > 60_000) {
                throw HttpError.badRequest("'ms' must be a number of milliseconds from 1 to 60000");
            }
            sim.holdUp(c.param("unit"), Duration.ofMillis(ms));
            return accepted("the unit's loop is held up for " + ms + " ms");
        });
        routes.add(HttpMethod.PUT, "/sim/units/{unit}/scanner/plugged", c -> {
            sim.scannerPlugged(c.param("unit"), flag(c, "plugged"));
            return accepted("scanner plug set");
        });
        routes.add(HttpMethod.POST, "/sim/units/{unit}/doors/{door}/open", c -> {
            sim.door(c.param("unit"), c.param("door"), true);
            return accepted("door " + c.param("door") + " open");
        });
        routes.add(HttpMethod.POST, "/sim/units/{unit}/doors/{door}/close", c -> {
            sim.door(c.param("unit"), c.param("door"), false);
            return accepted("door " + c.param("door") + " closed");
        });
        routes.add(HttpMethod.PUT, "/sim/lockboards/{bus}/{board}/silent", c -> {
            sim.boardSilent(c.param("bus"), (int) LocalApi.parseLong(c.param("board"), 0, "board"), flag(c, "silent"));
            return accepted("board silence set");
        });
        routes.add(HttpMethod.PUT, "/sim/units/{unit}/doors/{door}/jammed", c -> {
            sim.jam(c.param("unit"), c.param("door"), flag(c, "jammed"));
            return accepted("door " + c.param("door") + " jam set");
        });
        routes.add(HttpMethod.PUT, "/sim/units/{unit}/sensors/{sensor}", c -> {
            sim.sensor(c.param("unit"), c.param("sensor"), flag(c, "active"));
            return accepted("sensor " + c.param("sensor") + " set");
        });
        routes.add(HttpMethod.GET, "/sim/units/{unit}/antennas/{antenna}", c -> Routes.Reply.ok(sim.antennaState(c.param("unit"), c.param("antenna"))));
        routes.add(HttpMethod.POST, "/sim/units/{unit}/antennas/{antenna}/tags", c -> new Routes.Reply(201, sim.putTag(c.param("unit"), c.param("antenna"), json(c))));
        routes.add(HttpMethod.DELETE, "/sim/units/{unit}/antennas/{antenna}/tags/{uid}", c -> {
            sim.removeTag(c.param("unit"), c.param("antenna"), c.param("uid"));
            return accepted("tag " + c.param("uid") + " out of the field");
        });
        routes.add(HttpMethod.PUT, "/sim/units/{unit}/antennas/{antenna}/offline", c -> {
            sim.antennaOffline(c.param("unit"), c.param("antenna"), flag(c, "offline"));
            return accepted("reader state set");
        });
        routes.add(HttpMethod.POST, "/sim/units/{unit}/chute", c -> {
            JsonObject body = json(c);
            if (!(body.getValue("items", new JsonArray()) instanceof JsonArray items)) {
                throw HttpError.badRequest("'items' must be a list of tags");
            }
            long dwell = body.getValue("dwell_ms", 400) instanceof Number n ? n.longValue() : -1;
            if (dwell < 1 || dwell > 60_000) {
                throw HttpError.badRequest("'dwell_ms' must be a number of milliseconds from 1 to 60000");
            }
            return new Routes.Reply(202, sim.chute(c.param("unit"), items, Duration.ofMillis(dwell)));
        });
    }

    /** A scan is the raw text in the body, or {@code {"text": "..."}} when sent as JSON. */
    private static String scannedText(Routes.Call c) {
        String ct = c.request().getHeader("content-type");
        if (ct != null && ct.startsWith("application/json")) {
            String text = json(c).getString("text");
            if (text == null) {
                throw HttpError.badRequest("a JSON scan needs 'text'");
            }
            return text;
        }
        if (c.body().length() == 0) {
            throw HttpError.badRequest("the body is the scanned text, and it is empty");
        }
        return c.body().toString();
    }

    private static JsonObject json(Routes.Call c) {
        if (c.body().length() == 0) {
            return new JsonObject();
        }
        return new JsonObject(c.body());
    }

    private static boolean flag(Routes.Call c, String key) {
        if (!(json(c).getValue(key) instanceof Boolean b)) {
            throw HttpError.badRequest("body must be {\"" + key + "\": true} or {\"" + key + "\": false}");
        }
        return b;
    }

    private static Routes.Reply accepted(String what) {
        return Routes.Reply.ok(new JsonObject().put("ok", true).put("done", what));
    }
}
