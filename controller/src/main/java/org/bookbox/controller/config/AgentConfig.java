package org.bookbox.controller.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Who this box is and where it keeps things: {@code /etc/bookbox/agent.yaml} on a board.
 *
 * @param brokerUrl    {@code ssl://host:8883}, or {@code tcp://} for a broker on this machine
 * @param tls          client certificate, key and CA for {@code ssl://}; null for plain TCP
 * @param clockSyncFlag a file whose presence says the clock is synchronized (systemd-timesyncd's)
 */
public record AgentConfig(
        Path file,
        String deviceId,
        String consortiumId,
        String libraryIsil,
        String location,
        URI brokerUrl,
        Tls tls,
        Path dataDir,
        Path trustedKeys,
        Path profile,
        String apiHost,
        int apiPort,
        Path clockSyncFlag,
        Uplink uplink) {

    public record Tls(Path caFile, Path certFile, Path keyFile) {
    }

    /**
     * How the box talks to the broker and keeps its journal.
     *
     * @param maxInflight     QoS 1 publishes awaiting their PUBACK at once
     * @param reconnectMin    first back-off step; each failure doubles it up to {@code reconnectMax}, and the
     *                        wait is drawn uniformly below it (full jitter)
     * @param retention       how long acknowledged events are kept
     * @param storageLowBytes free space on the data partition under which {@code storage_low} is raised
     */
    public record Uplink(boolean enabled, int maxInflight, int keepAliveSeconds, Duration reconnectMin,
                         Duration reconnectMax, Duration retention, long storageLowBytes) {
        public static final Uplink DEFAULTS = new Uplink(true, 1000, 30, Duration.ofSeconds(1),
                Duration.ofSeconds(120), Duration.ofDays(30), 50L << 20);

        /** The same settings with the uplink off (retention and the storage threshold still apply). */
        public Uplink disabled() {
            return new Uplink(false, maxInflight, keepAliveSeconds, reconnectMin, reconnectMax, retention, storageLowBytes);
        }
    }

    /** This configuration with its uplink off: the box journals and serves, and publishes nothing. */
    public AgentConfig withoutUplink() {
        return withBroker(brokerUrl, uplink.disabled());
    }

    public Optional<Tls> tlsFiles() {
        return Optional.ofNullable(tls);
    }

    /** This device's CloudEvents source, {@code urn:bookbox:{c}:{d}}. */
    public String source() {
        return "urn:bookbox:" + consortiumId + ":" + deviceId;
    }

    public AgentConfig withApiPort(int port) {
        return new AgentConfig(file, deviceId, consortiumId, libraryIsil, location, brokerUrl, tls, dataDir,
                trustedKeys, profile, apiHost, port, clockSyncFlag, uplink);
    }

    public AgentConfig withDataDir(Path dir) {
        return new AgentConfig(file, deviceId, consortiumId, libraryIsil, location, brokerUrl, tls, dir,
                trustedKeys, profile, apiHost, apiPort, clockSyncFlag, uplink);
    }

    public AgentConfig withBroker(URI url, Uplink settings) {
        return new AgentConfig(file, deviceId, consortiumId, libraryIsil, location, url, tls, dataDir,
                trustedKeys, profile, apiHost, apiPort, clockSyncFlag, settings);
    }

    public AgentConfig withDeviceId(String id) {
        return new AgentConfig(file, id, consortiumId, libraryIsil, location, brokerUrl, tls, dataDir,
                trustedKeys, profile, apiHost, apiPort, clockSyncFlag, uplink);
    }
}
