package org.bookbox.controller.event;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.bookbox.controller.event.BoxEvent.Alarm;
import org.bookbox.controller.event.BoxEvent.Inventory;
import org.bookbox.controller.event.BoxEvent.Lifecycle;
import org.bookbox.controller.event.BoxEvent.Return;
import org.bookbox.controller.event.BoxEvent.ScanRejected;
import org.bookbox.controller.event.BoxEvent.Security;
import org.bookbox.controller.event.BoxEvent.SessionEnded;
import org.bookbox.controller.event.BoxEvent.UnidentifiedReturn;

/** The one serializer of the contract's events: an event's {@code data} as the backend receives it. */
public final class EventJson {

    private EventJson() {
    }

    public static JsonObject data(BoxEvent event) {
        return switch (event) {
            case Return r -> {
                JsonObject d = new JsonObject().put("unit", r.unit()).put("item", r.item()).put("bin", r.bin());
                r.place().forEach(e -> d.put(e.getKey(), e.getValue()));
                if (r.security() != null) {
                    d.put("security", r.security().wire());
                }
                if (r.detail() != null) {
                    d.put("detail", r.detail());
                }
                yield d;
            }
            case UnidentifiedReturn u -> {
                JsonObject d = new JsonObject().put("unit", u.unit()).put("reason", u.reason().wire()).put("bin", u.bin()).put("detail", u.detail());
                if (u.uid() != null) {
                    d.put("uid", u.uid());
                }
                yield d;
            }
            case SessionEnded s -> {
                JsonObject d = new JsonObject()
                        .put("session", s.session()).put("unit", s.unit()).put("door", s.door())
                        .put("mode", s.mode().wire()).put("actor", s.actor())
                        .put("opened_at", s.openedAt() == null ? null : EventTime.format(s.openedAt()))
                        .put("closed_at", s.closedAt() == null ? null : EventTime.format(s.closedAt()))
                        .put("outcome", s.outcome().wire())
                        .put("taken", s.taken()).put("left", s.left())
                        .put("violations", new JsonArray(s.violations()));
                if (s.hold() != null) {
                    d.put("hold", s.hold());
                }
                if (s.compartment() != null) {
                    d.put("compartment", s.compartment().wire());
                }
                if (s.security() != null) {
                    d.put("security", new JsonObject().put("written", s.security().written())
                            .put("failed", new JsonArray(s.security().failed())));
                }
                yield d;
            }
            case ScanRejected r -> {
                JsonObject d = new JsonObject().put("unit", r.unit()).put("reason", r.reason().reason());
                if (r.jti() != null) {
                    d.put("jti", r.jti());
                }
                if (r.sub() != null) {
                    d.put("sub", r.sub());
                }
                yield d;
            }
            case Alarm a -> new JsonObject().put("kind", a.kind().wire()).put("unit", a.unit()).put("door", a.door())
                    .put("active", a.active()).put("detail", a.detail());
            case Inventory i -> new JsonObject().put("unit", i.unit()).put("door", i.door()).put("reason", i.reason().wire())
                    .put("items", i.items());
            case Lifecycle l -> new JsonObject().put("phase", l.phase().wire()).put("version", l.version()).put("detail", l.detail());
        };
    }

    /**
     * A return read back from its note (written by {@link #data}): the place is what is neither the
     * contract's fields nor security.
     */
    public static Return returnOf(JsonObject d) {
        JsonObject place = new JsonObject();
        d.forEach(e -> {
            if (!e.getKey().equals("unit") && !e.getKey().equals("item") && !e.getKey().equals("bin")
                    && !e.getKey().equals("security") && !e.getKey().equals("detail")) {
                place.put(e.getKey(), e.getValue());
            }
        });
        Security security = d.getString("security") == null ? null : Security.valueOf(d.getString("security").toUpperCase(Locale.ROOT));
        return new Return(d.getString("unit"), d.getJsonObject("item"), security, d.getString("bin"), place, d.getString("detail"));
    }
}
