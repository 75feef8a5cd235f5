package org.bookbox.simulator.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bookbox.controller.Await;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's loopback broker, with Paho clients: retained messages, filters, QoS 1, wills. */
class LoopbackBrokerTest {

    LoopbackBroker broker;
    final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = LoopbackBroker.start(0);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    MqttClient client(String id, MqttConnectOptions options) throws Exception {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + broker.port(), id, new MemoryPersistence());
        c.connect(options);
        return c;
    }

    MqttClient subscriber(String filter) throws Exception {
        MqttClient c = client("sub-" + filter.hashCode(), new MqttConnectOptions());
        c.subscribe(filter, 1, (topic, m) -> seen.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        return c;
    }

    @Test
    void aRetainedMessageReachesALaterSubscriberAndFiltersChooseWhatArrives() throws Exception {
        MqttClient box = client("box", new MqttConnectOptions());
        box.publish("c/demo/device/b1/status", "{\"online\": true}".getBytes(StandardCharsets.UTF_8), 1, true);
        subscriber("c/+/device/b1/#");
        box.publish("c/demo/device/b1/event/return", "r1".getBytes(StandardCharsets.UTF_8), 1, false);
        box.publish("c/demo/device/b2/event/return", "other box".getBytes(StandardCharsets.UTF_8), 1, false);
        Await.until(() -> seen.size() >= 2);
        assertEquals(List.of("c/demo/device/b1/status {\"online\": true}", "c/demo/device/b1/event/return r1"), seen);
        box.disconnect();
    }

    @Test
    void aClientThatVanishesLeavesItsWillAndOneThatSaysGoodbyeDoesNot() throws Exception {
        subscriber("c/will/#");
        MqttConnectOptions withWill = new MqttConnectOptions();
        withWill.setWill("c/will/gone", "{\"online\": false}".getBytes(StandardCharsets.UTF_8), 1, true);
        MqttClient polite = client("polite", withWill);
        polite.disconnect();
        MqttClient rude = client("rude", withWill);
        rude.disconnectForcibly(0, 0, false); // the socket closes without a DISCONNECT
        Await.until(() -> !seen.isEmpty());
        assertEquals(List.of("c/will/gone {\"online\": false}"), seen);
    }

    @Test
    void filters() {
        assertTrue(LoopbackBroker.matches("a/#", "a/b/c"));
        assertTrue(LoopbackBroker.matches("a/+/c", "a/b/c"));
        assertTrue(LoopbackBroker.matches("#", "a"));
        assertFalse(LoopbackBroker.matches("a/+", "a/b/c"));
        assertFalse(LoopbackBroker.matches("a/b", "a/b/c"));
        assertFalse(LoopbackBroker.matches("a/b/c", "a/b"));
    }
}
