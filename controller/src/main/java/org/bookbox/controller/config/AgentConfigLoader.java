package org.bookbox.controller.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads and checks the agent configuration; the agent refuses to start on any problem. */
public final class AgentConfigLoader {

    /** The contract's id rule for consortium and device ids. */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
    /** ISO 15511: a prefix of 1-4 letters, a dash, up to 11 more characters; 16 in all. */
    public static final String ISIL_PATTERN = "(?=.{3,16}$)[A-Za-z]{1,4}-[A-Za-z0-9:/-]{1,11}";

    private AgentConfigLoader() {
    }

    public static AgentConfig load(Path file) throws InvalidConfigException {
        Section s = YamlDocument.read(file, "agent configuration");
        Optional<String> device = s.text("device_id", ID_PATTERN, "lower-case letters, digits and dashes, at most 63, starting with a letter or digit");
        Optional<String> consortium = s.text("consortium_id", ID_PATTERN, "lower-case letters, digits and dashes, at most 63, starting with a letter or digit");
        Optional<String> isil = s.text("library_isil", ISIL_PATTERN, "an ISIL such as DE-705 or DK-710100 (prefix, dash, at most 16 characters)");
        String location = s.optText("location").orElse(null);
        Optional<URI> broker = s.text("broker_url").flatMap(u -> brokerUrl(s, u));
        AgentConfig.Tls tls = s.section("tls", false).map(t -> tls(t)).orElse(null);
        broker.ifPresent(b -> {
            if (b.getScheme().equals("ssl") && !s.has("tls")) {
                s.problem("broker_url", "'broker_url' is ssl:// but there is no 'tls' section with ca_file, cert_file and key_file");
            }
        });
        Optional<Path> dataDir = s.path("data_dir", true);
        Optional<Path> keys = s.path("trusted_keys", true).filter(p -> existingFile(s, "trusted_keys", p));
        Path profile = s.path("profile", false).orElse(file.toAbsolutePath().getParent().resolve("profile.yaml"));
        Optional<Section> api = s.section("api", false);
        String apiHost = api.flatMap(a -> a.optText("host")).orElse("127.0.0.1");
        Optional<Long> apiPort = api.map(a -> a.integer("port", 0, 65535, 8080L)).orElse(Optional.of(8080L));
        boolean remote = api.flatMap(a -> a.bool("allow_remote", false)).orElse(false);
        if (!loopback(apiHost) && !remote) {
            // reachable from a network is a decision, said in so many words; other machines then need a technician's token
            api.orElseThrow().problem("host", "'host' is '" + apiHost + "', not a loopback address: the local API listens on 127.0.0.1"
                    + " unless 'allow_remote: true' says it may be reached from that network (other machines then need a"
                    + " technician's token for everything but GET /status)");
        }
        Path clockFlag = s.path("clock_sync_flag", false).orElse(Path.of("/run/systemd/timesync/synchronized"));
        AgentConfig.Uplink uplink = s.section("uplink", false).map(AgentConfigLoader::uplink).orElse(AgentConfig.Uplink.DEFAULTS);
        s.finish();
        return new AgentConfig(file.toAbsolutePath(), device.orElseThrow(), consortium.orElseThrow(), isil.orElseThrow(),
                location, broker.orElseThrow(), tls, dataDir.orElseThrow(), keys.orElseThrow(), profile,
                apiHost, apiPort.orElseThrow().intValue(), clockFlag, uplink);
    }

    private static AgentConfig.Uplink uplink(Section u) {
        AgentConfig.Uplink d = AgentConfig.Uplink.DEFAULTS;
        boolean enabled = u.bool("enabled", true).orElse(true);
        long inflight = u.integer("max_inflight", 1, 65_535, (long) d.maxInflight()).orElse((long) d.maxInflight());
        long keepAlive = u.integer("keepalive_s", 5, 3600, (long) d.keepAliveSeconds()).orElse((long) d.keepAliveSeconds());
        long min = u.integer("reconnect_min_ms", 10, 60_000, d.reconnectMin().toMillis()).orElse(d.reconnectMin().toMillis());
        long max = u.integer("reconnect_max_ms", 100, 3_600_000, d.reconnectMax().toMillis()).orElse(d.reconnectMax().toMillis());
        if (max < min) {
            u.problem("reconnect_max_ms", "'reconnect_max_ms' is below 'reconnect_min_ms'");
        }
        long days = u.integer("retention_days", 1, 3650, d.retention().toDays()).orElse(d.retention().toDays());
        long lowMb = u.integer("storage_low_mb", 1, 1_000_000, d.storageLowBytes() >> 20).orElse(d.storageLowBytes() >> 20);
        return new AgentConfig.Uplink(enabled, (int) inflight, (int) keepAlive, Duration.ofMillis(min),
                Duration.ofMillis(max), Duration.ofDays(days), lowMb << 20);
    }

    private static Optional<URI> brokerUrl(Section s, String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            s.problem("broker_url", "'broker_url' is '" + raw + "': not a URL (" + e.getReason() + ")");
            return Optional.empty();
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("ssl") || uri.getScheme().equals("tcp"))
                || uri.getHost() == null || uri.getPort() < 1) {
            s.problem("broker_url", "'broker_url' is '" + raw + "': write ssl://host:port (or tcp://127.0.0.1:port for a broker on this machine)");
            return Optional.empty();
        }
        if (uri.getScheme().equals("tcp") && !loopback(uri.getHost())) {
            s.problem("broker_url", "'broker_url' is '" + raw + "': plain tcp:// is only for a broker on this machine; use ssl:// with a client certificate");
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false; // a name: not resolved here, and not loopback by definition of the rule
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static AgentConfig.Tls tls(Section t) {
        Optional<Path> ca = t.path("ca_file", true).filter(p -> existingFile(t, "ca_file", p));
        Optional<Path> cert = t.path("cert_file", true).filter(p -> existingFile(t, "cert_file", p));
        Optional<Path> key = t.path("key_file", true).filter(p -> existingFile(t, "key_file", p));
        if (ca.isEmpty() || cert.isEmpty() || key.isEmpty()) {
            return null;
        }
        return new AgentConfig.Tls(ca.get(), cert.get(), key.get());
    }

    private static boolean existingFile(Section s, String key, Path p) {
        if (Files.isRegularFile(p)) {
            return true;
        }
        s.problem(key, "'" + key + "' names " + p + ", which " + (Files.exists(p) ? "is not a file" : "does not exist"));
        return false;
    }
}
