package org.bookbox.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An agent configuration for a test's child agent: the simulated box's keys, a data directory and broker of the test's own. */
public final class AgentFiles {

    private AgentFiles() {
    }

    /**
     * Writes {@code agent.yaml} into {@code dir}.
     *
     * @param uplink the {@code uplink:} mapping's flow text, e.g. {@code "{ enabled: false }"}
     */
    public static Path config(Path dir, String device, String brokerUrl, Path data, Path profile, String uplink) throws IOException {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                device_id: %s
                consortium_id: demo-consortium
                library_isil: DE-705
                broker_url: %s
                data_dir: %s
                trusted_keys: %s
                profile: %s
                api: { port: 0 }
                uplink: %s
                """.formatted(device, brokerUrl, data, ChildJvm.repo().resolve("examples/keys/trusted-keys.json"), profile, uplink));
        return config;
    }

    /** The same with the simulated box's profile. */
    public static Path config(Path dir, String device, String brokerUrl, Path data, String uplink) throws IOException {
        return config(dir, device, brokerUrl, data, ChildJvm.repo().resolve("examples/sim/profile.yaml"), uplink);
    }

    /** A file the repository ships (examples, keys), by its path from the repository's root. */
    public static Path shipped(String relative) {
        return ChildJvm.repo().resolve(relative);
    }
}
