package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.tinylog.Logger;

/** The retained status document: published on connect, and again when it changed (the clock alone is no change). */
final class StatusPublisher {

    private final BrokerSession session;
    private final Topics topics;
    private final Supplier<JsonObject> status;
    private String last;

    StatusPublisher(BrokerSession session, Topics topics, Supplier<JsonObject> status) {
        this.session = session;
        this.topics = topics;
        this.status = status;
    }

    /** Publishes on the next call whatever the status is (a new connection, a {@code status} command). */
    void republish() {
        last = null;
        publishIfChanged();
    }

    void publishIfChanged() {
        if (!session.connected()) {
            return;
        }
        JsonObject now = status.get();
        String comparable = now.copy().put("time", "").encode();
        if (comparable.equals(last)) {
            return;
        }
        try {
            session.publish(topics.status(), now.encode().getBytes(StandardCharsets.UTF_8), true, null);
            last = comparable;
        } catch (MqttException e) {
            Logger.warn("uplink: status not published: {}", e.getMessage());
        }
    }
}
