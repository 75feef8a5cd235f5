package org.bookbox.controller.uplink;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.config.AgentConfig;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * The connection to the broker: one fresh Paho client per connection (clean session false, so the
 * broker keeps the subscriptions and the commands queued while the box was away), the will, TLS,
 * the inbound limit on every socket, and reconnects after {@link Backoff}. Everything it reports
 * arrives on the uplink's thread; each connection has a generation, so that a late callback of an
 * old client changes nothing.
 */
final class BrokerSession {

    /** What the other parts of the uplink hear from the session, on the uplink's thread. */
    interface Listener {
        void connected();

        void lost();

        void arrived(String topic, String payload);

        void tooLarge(String topic, long size);
    }

    /** A PUBACK (or its failure) for one publish, called on Paho's thread. */
    interface Delivery {
        void acknowledged();

        default void failed() {
        }
    }

    static final byte[] OFFLINE = "{\"online\": false}".getBytes(StandardCharsets.UTF_8);

    private final AgentConfig config;
    private final Topics topics;
    private final ScheduledExecutorService thread;
    private final Backoff backoff;
    private final Clock clock;
    private final long maxInbound;
    /** A fleet's scheduler for the client's loops and pings; empty: the client starts threads of its own. */
    private final Optional<ScheduledExecutorService> clientScheduler;
    private final List<Instant> connects = new CopyOnWriteArrayList<>();
    private Listener listener;
    private MqttAsyncClient client;
    private volatile int generation;
    private volatile boolean connected;
    /** When the connection was last made or lost, and why the last attempt failed (null while connected). */
    private volatile Instant since;
    private volatile String problem = "not connected yet";
    /** When the connection attempt under way began, or null: Paho gives up within 10 s, so one running far longer is stuck. */
    private volatile Instant attemptStarted;
    private boolean closed;

    BrokerSession(AgentConfig config, Topics topics, ScheduledExecutorService thread, Backoff backoff, Clock clock, long maxInbound,
                  Optional<ScheduledExecutorService> clientScheduler) {
        this.clientScheduler = clientScheduler;
        this.config = config;
        this.topics = topics;
        this.thread = thread;
        this.backoff = backoff;
        this.clock = clock;
        this.maxInbound = maxInbound;
        this.since = clock.instant();
    }

    /** A connection attempt that neither succeeded nor failed in {@code limit}: stuck (a hung TLS handshake). */
    Optional<String> stuck(Duration limit) {
        Instant started = attemptStarted;
        return started != null && started.plus(limit).isBefore(clock.instant())
                ? Optional.of("the broker connection attempt begun at " + started + " has not ended") : Optional.empty();
    }

    /** Connected or not, since when, and why not: what the local status document says of the uplink. */
    UplinkState state() {
        return new UplinkState(true, connected, since, connected ? null : problem, config.brokerUrl().toString());
    }

    void listen(Listener l) {
        this.listener = l;
    }

    boolean connected() {
        return connected;
    }

    /** Which connection this is; a publish's callback compares it to know whether it is stale. */
    int generation() {
        return generation;
    }

    List<Instant> connects() {
        return List.copyOf(connects);
    }

    void connect() {
        if (closed) {
            return;
        }
        int gen = ++generation;
        attemptStarted = clock.instant();
        try {
            client = clientScheduler.isPresent()
                    ? new MqttAsyncClient(config.brokerUrl().toString(), config.deviceId(), new MemoryPersistence(),
                            new ScheduledExecutorPingSender(clientScheduler.get()), clientScheduler.get())
                    : new MqttAsyncClient(config.brokerUrl().toString(), config.deviceId(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(false);
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setKeepAliveInterval(config.uplink().keepAliveSeconds());
            o.setMaxInflight(config.uplink().maxInflight() + 16);
            o.setAutomaticReconnect(false);
            o.setConnectionTimeout(10);
            o.setWill(topics.status(), OFFLINE, 1, true);
            // every socket reads through InboundLimit: no message from the broker is ever larger than the limit in memory
            o.setSocketFactory(config.tlsFiles().isPresent()
                    ? LimitedSockets.tls(TlsFiles.socketFactory(config.tlsFiles().get()), maxInbound)
                    : LimitedSockets.plain(maxInbound));
            client.setCallback(new Callback(gen));
            client.connect(o, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken t) {
                    thread.execute(() -> connected(gen));
                }

                @Override
                public void onFailure(IMqttToken t, Throwable e) {
                    thread.execute(() -> lost(gen, e));
                }
            });
        } catch (Exception e) {
            lost(gen, e);
        }
    }

    private void connected(int gen) {
        if (gen != generation || closed) {
            return;
        }
        connected = true;
        attemptStarted = null;
        since = clock.instant();
        problem = null;
        backoff.reset();
        connects.add(since);
        Logger.info("uplink {} connected to {}", config.deviceId(), config.brokerUrl());
        try {
            client.subscribe(new String[] {topics.command(), topics.config(), topics.revocations()}, new int[] {1, 1, 1});
        } catch (MqttException e) {
            Logger.warn("uplink: subscribe failed: {}", e.getMessage());
        }
        listener.connected();
    }

    private void lost(int gen, Throwable cause) {
        if (gen != generation || closed) {
            return;
        }
        if (connected) {
            Logger.warn("uplink {} lost the broker: {}", config.deviceId(), cause == null ? "closed" : cause.getMessage());
        } else if (backoff.fresh()) {
            Logger.warn("uplink {} cannot reach {}: {}", config.deviceId(), config.brokerUrl(), reason(cause));
        }
        if (connected) {
            since = clock.instant();
        }
        attemptStarted = null;
        problem = reason(cause);
        connected = false;
        listener.lost();
        MqttAsyncClient old = client;
        client = null;
        generation++;
        closeQuietly(old);
        thread.schedule(this::connect, backoff.next(), TimeUnit.MILLISECONDS);
    }

    /** Publishes at QoS 1; {@code delivery} hears of the PUBACK. Fails when not connected. */
    void publish(String topic, byte[] payload, boolean retained, Delivery delivery) throws MqttException {
        MqttAsyncClient c = client;
        if (c == null || !connected) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        c.publish(topic, payload, 1, retained, null, delivery == null ? null : new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken t) {
                delivery.acknowledged();
            }

            @Override
            public void onFailure(IMqttToken t, Throwable e) {
                delivery.failed();
            }
        });
    }

    /** A clean stop: the retained status says offline, and the client disconnects (so no will is published). */
    void close() {
        closed = true;
        if (client == null) {
            return;
        }
        try {
            if (connected) {
                client.publish(topics.status(), OFFLINE, 1, true).waitForCompletion(2000);
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            Logger.warn("uplink: clean disconnect failed: {}", e.getMessage());
        }
        closeQuietly(client);
        connected = false;
    }

    private final class Callback implements MqttCallback {
        private final int gen;

        Callback(int gen) {
            this.gen = gen;
        }

        @Override
        public void connectionLost(Throwable cause) {
            thread.execute(() -> lost(gen, cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long size = InboundLimit.oversized(message.getPayload());
            if (size >= 0) {
                // returning acknowledges it: refused once, never redelivered
                thread.execute(Guard.of(() -> listener.tooLarge(topic, size)));
                return;
            }
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            thread.execute(Guard.of(() -> listener.arrived(topic, payload)));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // each publish has its own listener
        }
    }

    /** The innermost cause: Paho wraps TLS and socket errors. */
    static String reason(Throwable t) {
        Throwable inner = t;
        while (inner != null && inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        return inner == null ? "closed" : inner.getClass().getSimpleName() + ": " + inner.getMessage();
    }

    static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 100, false);
        } catch (MqttException ignored) {
            // already gone
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
    }
}
