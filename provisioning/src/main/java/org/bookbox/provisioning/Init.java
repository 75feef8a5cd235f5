package org.bookbox.provisioning;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code init}: provisions a box from what the technician carries: its identity on the command
 * line, the broker's CA, the box's certificate and key (or a key made here and a request for the
 * consortium's CA), and the consortium's trusted keys.
 */
final class Init {

    static final Command COMMAND = new Command("init", """
            init --device ID --consortium ID --isil ISIL --broker ssl://HOST:8883 --trusted-keys KEYS.json
                                 (--ca CA.pem (--cert CERT.pem --key KEY.pem | --make-key) | a tcp:// broker on this machine)
                                 [--location TEXT] [--profile PROFILE.yaml] [--provisioning-keys KEYS.json]
                                 [--config FILE] [--data DIR] [--user USER]""", """
            Provisions the box, with the agent stopped. Checks everything first and writes nothing if a part is
            wrong; then installs into the configuration's folder (/etc/bookbox): the hardware profile, the broker's CA,
            the client certificate and key (or, with --make-key, a key made here and client.csr for the consortium's
            CA: install its answer with 'cert'), the trusted keys, the consortium's provisioning keys if given (for a
            later from-qr) and agent.yaml, all owner-only and owned by the
            service user (--user; bookbox when run as root). Records a 'lifecycle provisioned' event; seq goes on
            from the box's journal. Exit 0 done; 65 a part is wrong (nothing written); 67 no service user;
            74 a file or the journal cannot be written; 75 the agent is running.""",
            Set.of("device", "consortium", "isil", "broker", "trusted-keys", "ca", "cert", "key", "location", "profile",
                    "provisioning-keys", "config", "data", "user"), Set.of("make-key"), Init::run);

    private Init() {
    }

    static Exit run(Options o, Console c) throws Options.Invalid {
        URI broker;
        try {
            broker = new URI(o.required("broker"));
        } catch (URISyntaxException e) {
            throw new Options.Invalid("--broker is not a URL: " + e.getMessage());
        }
        Provisioning.Credentials credentials;
        if (o.flag("make-key") && (o.value("cert").isPresent() || o.value("key").isPresent())) {
            throw new Options.Invalid("--make-key makes the key here: give it without --cert and --key");
        } else if (o.flag("make-key")) {
            credentials = new Provisioning.Credentials.MakeKey();
        } else if (o.value("cert").isPresent() || o.value("key").isPresent()) {
            credentials = new Provisioning.Credentials.Given(read(o.required("cert"), "--cert"), read(o.required("key"), "--key"));
        } else {
            credentials = new Provisioning.Credentials.None();
        }
        Path etc = o.path("config", ProvisionTool.CONFIG).toAbsolutePath().getParent();
        Provisioning.Materials m = new Provisioning.Materials(
                new Provisioning.Identity(o.required("device"), o.required("consortium"), o.required("isil"), o.value("location").orElse(null), broker),
                o.path("profile", etc.resolve(Provisioning.PROFILE).toString()),
                o.value("ca").isPresent() ? read(o.value("ca").get(), "--ca") : null,
                read(o.required("trusted-keys"), "--trusted-keys"), credentials,
                o.value("provisioning-keys").isPresent() ? read(o.value("provisioning-keys").get(), "--provisioning-keys") : null);
        if (!Files.isRegularFile(m.profile())) {
            throw new Options.Invalid("there is no hardware profile at " + m.profile() + ": name one with --profile"
                    + " (examples in /usr/share/bookbox/examples)");
        }
        return ProvisionRun.run(o, c, m, "by init", stores -> { }, stores -> { });
    }

    /** A file the technician named, bounded: certificates, keys and key sets are small. */
    static String read(String file, String option) throws Options.Invalid {
        Path p = Path.of(file);
        try {
            if (Files.size(p) > 64 * 1024) {
                throw new Options.Invalid(option + " " + file + " is larger than 64 KiB: not a certificate, key or key set");
            }
            return Files.readString(p);
        } catch (IOException e) {
            throw new Options.Invalid(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }
}
