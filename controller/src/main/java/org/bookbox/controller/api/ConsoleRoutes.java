package org.bookbox.controller.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.bookbox.controller.port.BoxPort;
import org.bookbox.controller.port.Refused;

/**
 * The technician's console: {@code /console} is the page, {@code /console/live} sends what it shows
 * every second while it is open (the status of every unit, door and alarm, the journal and outbox
 * counts, the wiring, the last events), {@code POST /units/{unit}/doors/{door}/pulse} opens a door
 * for service. Its buttons use the local API's own calls (self-test, inventory). Off loopback every
 * part of it needs a technician's token ({@link TechnicianGate}).
 */
final class ConsoleRoutes implements RouteSet {

    /** How often an open console is sent the box's state. */
    static final Duration EVERY = Duration.ofSeconds(1);
    /** The last events a console shows. */
    static final int LAST_EVENTS = 15;

    private final Vertx vertx;
    private final BoxPort box;

    ConsoleRoutes(Vertx vertx, BoxPort box) {
        this.vertx = vertx;
        this.box = box;
    }

    @Override
    public void addTo(Routes routes) {
        routes.add(HttpMethod.GET, "/console", c -> Routes.Reply.ok(Pages.page("console.html")));
        routes.add(HttpMethod.GET, "/console/state", c -> Routes.Reply.ok(state()));
        routes.stream("/console/live", (c, send) -> {
            send.accept(state().encode());
            long timer = vertx.setPeriodic(EVERY.toMillis(), id -> vertx.executeBlocking(() -> {
                send.accept(state().encode());
                return null;
            }, false));
            return () -> vertx.cancelTimer(timer);
        });
        routes.add(HttpMethod.POST, "/units/{unit}/doors/{door}/pulse", c -> {
            JsonObject actor = new JsonObject().put("role", "technician").put("sub", "console");
            return Routes.Reply.ok(Routes.await(box.unlock(c.param("unit"), c.param("door"), "service", actor, null), 30).put("ok", true));
        });
    }

    /** One document: what the console shows now. */
    JsonObject state() throws Refused {
        JsonObject status = box.status();
        long last = status.getLong("last_seq", 0L);
        JsonArray events = box.events(Math.max(0, last - LAST_EVENTS), LAST_EVENTS);
        return new JsonObject().put("status", status).put("wiring", box.wiring()).put("events", events);
    }
}
