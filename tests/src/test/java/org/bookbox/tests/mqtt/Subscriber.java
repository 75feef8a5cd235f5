package org.bookbox.tests.mqtt;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bookbox.tests.EventContract;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The backend's side in tests: a persistent-session QoS 1 subscriber that keeps everything it receives. */
public final class Subscriber implements AutoCloseable {

    public record Received(String topic, String payload, boolean retained) {
        public JsonObject json() {
            return new JsonObject(payload);
        }
    }

    private MqttClient client;
    private final String[] filters;
    private final MqttConnectOptions options;
    private volatile boolean closed;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Ids of the events already checked against the contract. */
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    public Subscriber(TestBroker broker, String... filters) throws Exception {
        client = new MqttClient(broker.url().toString(), "backend-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        // reconnects of its own: Paho's automatic reconnect was seen to give up for good when a broker
        // restarted under load (the backend then missed what the box had delivered)
        o.setAutomaticReconnect(false);
        this.options = o;
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void connectionLost(Throwable cause) {
                Thread.ofPlatform().daemon().name("subscriber-reconnect").start(Subscriber.this::reconnect);
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                // nothing slow on Paho's thread: a backlog of thousands must not stall the keep-alive
                received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        this.filters = filters;
        client.connect(o);
        int[] qos = new int[filters.length];
        Arrays.fill(qos, 1);
        client.subscribe(filters, qos);
    }

    /** Until connected again (or closed): the persistent session brings what was queued; subscribing again is for a broker that lost it. */
    private void reconnect() {
        int[] qos = new int[filters.length];
        Arrays.fill(qos, 1);
        while (!closed && !client.isConnected()) {
            try {
                client.connect(options);
                client.subscribe(filters, qos);
            } catch (MqttException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    public List<Received> received() {
        return received;
    }

    /** The events received; fails if any broke the contract (docs/asyncapi.yaml), each checked once. */
    public List<JsonObject> events() {
        List<JsonObject> events = received.stream().filter(r -> r.topic().contains("/event/")).map(Received::json).toList();
        events.forEach(e -> EventContract.checkOnce(e, checked));
        return events;
    }

    public boolean connected() {
        return client.isConnected();
    }

    public void publish(String topic, String payload, boolean retained) throws Exception {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    @Override
    public void close() throws Exception {
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } catch (MqttException e) {
            // reconnecting after a broker restart: nothing to say goodbye to
        }
        client.disconnectForcibly(0, 0, false);
        client.close(true);
    }
}
