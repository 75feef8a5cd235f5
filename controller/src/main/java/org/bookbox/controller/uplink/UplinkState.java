package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.bookbox.controller.event.EventTime;

/**
 * Whether the backend hears the box: connected or not, since when, and why not.
 *
 * @param since   when the connection was made or lost (or the uplink started), null when disabled
 * @param problem why the last connection attempt failed, or why there is no uplink; null while connected
 */
public record UplinkState(boolean enabled, boolean connected, Instant since, String problem, String broker) {

    public static UplinkState disabled() {
        return new UplinkState(false, false, null, "the uplink is disabled in the configuration", null);
    }

    public JsonObject json() {
        return new JsonObject().put("enabled", enabled).put("connected", connected)
                .put("since", since == null ? null : EventTime.format(since)).put("problem", problem).put("broker", broker);
    }
}
