package org.bookbox.tests.mqtt;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MQTT broker on loopback that a test can stop and start: HiveMQ Community Edition embedded
 * in this JVM, or a Mosquitto process (Debian's package, which CI installs). Sessions persist
 * across a restart in both.
 */
public abstract class TestBroker implements AutoCloseable {

    protected final Path dir;
    protected final int port;

    protected TestBroker(Path dir) throws IOException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    public URI url() {
        return URI.create("tcp://127.0.0.1:" + port);
    }

    public abstract String name();

    public abstract void start() throws Exception;

    public abstract void stop() throws Exception;

    @Override
    public void close() throws Exception {
        stop();
    }

    @Override
    public String toString() {
        return name();
    }

    /** The brokers this machine can run: HiveMQ always, Mosquitto where its binary is installed. */
    public static List<String> available() {
        List<String> kinds = new ArrayList<>(List.of("hivemq"));
        if (Files.isExecutable(Path.of("/usr/sbin/mosquitto"))) {
            kinds.add("mosquitto");
        }
        return kinds;
    }

    public static TestBroker of(String kind, Path dir) throws Exception {
        TestBroker b = kind.equals("mosquitto") ? new Mosquitto(dir) : new HiveMq(dir);
        b.start();
        return b;
    }

    protected void awaitPort(boolean open) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                if (open) {
                    return;
                }
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(name() + " did not " + (open ? "open" : "close") + " port " + port);
    }

    static final class HiveMq extends TestBroker {
        private EmbeddedHiveMQ hivemq;

        HiveMq(Path dir) throws IOException {
            super(dir);
            Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("extensions"));
            Files.writeString(dir.resolve("conf/config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                      </listeners>
                      <mqtt><queued-messages><max-queue-size>1000000</max-queue-size></queued-messages></mqtt>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port));
        }

        @Override
        public String name() {
            return "hivemq";
        }

        @Override
        public void start() throws Exception {
            hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(dir.resolve("conf")).withDataFolder(dir.resolve("data"))
                    .withExtensionsFolder(dir.resolve("extensions")).withoutLoggingBootstrap().build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            awaitPort(true);
        }

        @Override
        public void stop() throws Exception {
            if (hivemq != null) {
                hivemq.stop().get(60, TimeUnit.SECONDS);
                hivemq.close();
                hivemq = null;
                awaitPort(false);
            }
        }
    }

    static final class Mosquitto extends TestBroker {
        private Process process;

        Mosquitto(Path dir) throws IOException {
            super(dir);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("mosquitto.conf"), """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    persistence true
                    persistence_location %s/
                    max_queued_messages 1000000
                    %s
                    """.formatted(port, dir, "root".equals(System.getProperty("user.name")) ? "user root" : ""));
        }

        @Override
        public String name() {
            return "mosquitto";
        }

        @Override
        public void start() throws Exception {
            process = new ProcessBuilder("/usr/sbin/mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            awaitPort(true);
        }

        @Override
        public void stop() throws Exception {
            if (process != null) {
                process.destroy(); // SIGTERM: mosquitto saves its persistence file
                process.waitFor(30, TimeUnit.SECONDS);
                process = null;
                awaitPort(false);
            }
        }
    }
}
