package org.bookbox.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.config.Section;
import org.bookbox.controller.config.YamlDocument;

/**
 * What the tool needs of the configuration a box has now, read leniently: a box that was reset, or
 * waits for its certificate, has a configuration the agent refuses, and the tool must still know
 * which device it is, where its journal is and where the agent would answer.
 *
 * @param credentials the files that make the box who it is: client certificate, key, request, trusted keys
 */
record InstalledConfig(Path file, Optional<String> deviceId, Optional<Path> dataDir, String apiHost, int apiPort, List<Path> credentials) {

    /** The configuration at {@code file}; empty when there is none. */
    static Optional<InstalledConfig> read(Path file) throws InvalidConfigException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Section s = YamlDocument.read(file, "agent configuration");
        Optional<Section> api = s.section("api", false);
        String host = api.flatMap(a -> a.optText("host")).orElse("127.0.0.1");
        int port = api.flatMap(a -> a.integer("port", 0, 65535, 8080L)).orElse(8080L).intValue();
        List<Path> credentials = new ArrayList<>();
        s.section("tls", false).ifPresent(t -> {
            t.path("cert_file", false).ifPresent(credentials::add);
            t.path("key_file", false).ifPresent(k -> {
                credentials.add(k);
                credentials.add(k.resolveSibling(Provisioning.CSR));
            });
        });
        s.path("trusted_keys", false).ifPresent(credentials::add);
        return Optional.of(new InstalledConfig(file, s.optText("device_id"), s.path("data_dir", false), host, port, credentials));
    }
}
