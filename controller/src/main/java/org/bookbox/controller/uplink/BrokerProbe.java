package org.bookbox.controller.uplink;

import java.time.Duration;
import java.util.Optional;
import org.bookbox.controller.config.AgentConfig;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One connection to the box's broker, made as the uplink makes it (its URL, CA, client certificate
 * and key), then closed: the technician's self-test of the network, the broker and TLS with the agent
 * stopped. It connects as {@code <device>-selftest} with a clean session, so that the device's own
 * session (its queued commands) is never taken over.
 */
public final class BrokerProbe {

    private BrokerProbe() {
    }

    /** @return empty when the broker accepted the connection, else why not (the innermost cause) */
    public static Optional<String> connect(AgentConfig config, Duration timeout) {
        MqttAsyncClient client = null;
        try {
            client = new MqttAsyncClient(config.brokerUrl().toString(), config.deviceId() + "-selftest", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setAutomaticReconnect(false);
            o.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
            o.setSocketFactory(config.tlsFiles().isPresent()
                    ? LimitedSockets.tls(TlsFiles.socketFactory(config.tlsFiles().get()), 64 * 1024)
                    : LimitedSockets.plain(64 * 1024));
            client.connect(o).waitForCompletion(timeout.toMillis() + 1000);
            client.disconnect().waitForCompletion(2000);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(BrokerSession.reason(e));
        } finally {
            if (client != null) {
                BrokerSession.closeQuietly(client);
            }
        }
    }
}
