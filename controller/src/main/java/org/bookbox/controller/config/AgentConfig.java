package org.bookbox.controller.config;

import java.net.URI;
import java.nio.file.Path;
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
        Path clockSyncFlag) {

    public record Tls(Path caFile, Path certFile, Path keyFile) {
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
                trustedKeys, profile, apiHost, port, clockSyncFlag);
    }

    public AgentConfig withDataDir(Path dir) {
        return new AgentConfig(file, deviceId, consortiumId, libraryIsil, location, brokerUrl, tls, dir,
                trustedKeys, profile, apiHost, apiPort, clockSyncFlag);
    }
}
