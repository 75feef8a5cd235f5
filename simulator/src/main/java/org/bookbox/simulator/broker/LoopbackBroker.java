package org.bookbox.simulator.broker;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The simulator's own MQTT broker, for a machine with none: on loopback only, MQTT 3.1.1, QoS 0 and
 * 1, retained messages, wills, {@code +} and {@code #} filters. No persistence and no sign-in: it
 * lets a backend team {@code mosquitto_sub} a simulated box at once. Never part of the production
 * agent, and never the broker the tests judge the uplink by (those are HiveMQ and Mosquitto).
 */
public final class LoopbackBroker implements AutoCloseable {

    private record Subscription(MqttEndpoint client, String filter, MqttQoS qos) { }

    private record Retained(Buffer payload, MqttQoS qos) { }

    private final Vertx vertx;
    private final MqttServer server;
    private final Map<String, MqttEndpoint> clients = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, Retained> retained = new ConcurrentHashMap<>();

    private LoopbackBroker(Vertx vertx, MqttServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on 127.0.0.1 at {@code port} (0: any free port). */
    public static LoopbackBroker start(int port) throws Exception {
        Vertx vertx = Vertx.vertx();
        MqttServer server = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(port).setMaxMessageSize(256 * 1024));
        LoopbackBroker broker = new LoopbackBroker(vertx, server);
        server.endpointHandler(broker::connected);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        return broker;
    }

    public int port() {
        return server.actualPort();
    }

    private void connected(MqttEndpoint client) {
        MqttEndpoint before = clients.put(client.clientIdentifier(), client);
        if (before != null) {
            before.close(); // a client connecting again under its id takes over, as MQTT says
        }
        boolean[] disconnected = {false};
        client.publishAutoAck(false);
        client.subscribeHandler(s -> {
            List<MqttQoS> granted = new ArrayList<>();
            for (MqttTopicSubscription t : s.topicSubscriptions()) {
                MqttQoS qos = t.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
                subscriptions.removeIf(old -> old.client() == client && old.filter().equals(t.topicName()));
                subscriptions.add(new Subscription(client, t.topicName(), qos));
                granted.add(qos);
            }
            client.subscribeAcknowledge(s.messageId(), granted);
            for (MqttTopicSubscription t : s.topicSubscriptions()) {
                retained.forEach((topic, r) -> {
                    if (matches(t.topicName(), topic)) {
                        client.publish(topic, r.payload(), lower(r.qos(), t.qualityOfService()), false, true);
                    }
                });
            }
        });
        client.unsubscribeHandler(u -> {
            subscriptions.removeIf(s -> s.client() == client && u.topics().contains(s.filter()));
            client.unsubscribeAcknowledge(u.messageId());
        });
        client.publishHandler(m -> {
            route(m.topicName(), m.payload(), m.qosLevel(), m.isRetain());
            if (m.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                client.publishAcknowledge(m.messageId());
            }
        });
        client.publishAcknowledgeHandler(id -> { });
        client.disconnectHandler(v -> disconnected[0] = true);
        client.closeHandler(v -> {
            subscriptions.removeIf(s -> s.client() == client);
            clients.remove(client.clientIdentifier(), client);
            if (!disconnected[0] && client.will() != null && client.will().isWillFlag()) {
                route(client.will().getWillTopic(), Buffer.buffer(client.will().getWillMessageBytes()),
                        MqttQoS.valueOf(client.will().getWillQos()), client.will().isWillRetain());
            }
        });
        client.exceptionHandler(e -> Logger.debug("loopback broker: client {}: {}", client.clientIdentifier(), e.getMessage()));
        client.accept(false);
    }

    private void route(String topic, Buffer payload, MqttQoS qos, boolean retain) {
        if (retain) {
            if (payload.length() == 0) {
                retained.remove(topic);
            } else {
                retained.put(topic, new Retained(payload, qos));
            }
        }
        for (Subscription s : subscriptions) {
            if (matches(s.filter(), topic)) {
                s.client().publish(topic, payload, lower(qos, s.qos()), false, false);
            }
        }
    }

    private static MqttQoS lower(MqttQoS a, MqttQoS b) {
        return a.value() <= b.value() ? a : b;
    }

    /** Whether a topic filter ({@code +} one level, {@code #} the rest) matches a topic. */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("loopback broker did not close: {}", e.getMessage());
        }
        vertx.close();
    }
}
