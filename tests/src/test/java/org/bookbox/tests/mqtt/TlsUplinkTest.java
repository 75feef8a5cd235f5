package org.bookbox.tests.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.tests.ChildJvmSupport;
import org.bookbox.tests.SimBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production transport: TLS with a client certificate, against a Mosquitto listener that
 * requires one. Certificates are made for the test by OpenSSL.
 */
class TlsUplinkTest {

    @TempDir
    Path dir;

    void openssl(String... args) throws Exception {
        Process p = new ProcessBuilder(Stream.concat(Stream.of("openssl"), Arrays.stream(args)).toList())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertEquals(0, p.waitFor(), "openssl " + String.join(" ", args) + ": " + Files.readString(dir.resolve("openssl.log")));
    }

    @Test
    void eventsGoOverTlsWithAClientCertificate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mosquitto")) && Files.isExecutable(Path.of("/usr/bin/openssl")),
                "needs mosquitto and openssl (.ci/run installs mosquitto)");
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=bookbox test CA");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2",
                "-extfile", "san.cnf");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "device.key", "-out", "device.csr", "-subj", "/CN=tls-box");
        openssl("x509", "-req", "-in", "device.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "device.pem", "-days", "2");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                cafile %s
                certfile %s
                keyfile %s
                require_certificate true
                use_identity_as_username true
                %s
                """.formatted(port, dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                "root".equals(System.getProperty("user.name")) ? "user root" : ""));
        Process mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        int listening = port;
        ChildJvmSupport.await("mosquitto listening: " + dir.resolve("mosquitto.log"), 10, () -> {
            try (Socket s = new Socket("127.0.0.1", listening)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        Files.writeString(dir.resolve("agent.yaml"), """
                device_id: tls-box
                consortium_id: demo-consortium
                library_isil: DE-705
                broker_url: ssl://127.0.0.1:%d
                tls: { ca_file: ca.pem, cert_file: device.pem, key_file: device.key }
                data_dir: data
                trusted_keys: %s
                profile: %s
                api: { port: 0 }
                uplink: { reconnect_min_ms: 50, reconnect_max_ms: 500 }
                """.formatted(port, ChildJvmSupport.repo().resolve("examples/keys/trusted-keys.json"),
                ChildJvmSupport.repo().resolve("examples/sim/profile.yaml")));
        AgentConfig config = AgentConfigLoader.load(dir.resolve("agent.yaml"));
        Agent agent = SimBox.agent(config, new SimulatedBoard());
        try {
            agent.start();
            ChildJvmSupport.await("connected over TLS", 30, () -> agent.uplink().orElseThrow().connected());
            ChildJvmSupport.await("every event acknowledged", 30, () -> agent.journal().unacknowledged() == 0);
        } finally {
            agent.stop();
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
