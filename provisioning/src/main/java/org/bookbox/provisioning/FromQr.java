package org.bookbox.provisioning;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.controller.trust.TrustedKeys;
import org.bookbox.drivers.pi.PiBoard;

/**
 * {@code from-qr}: provisions the box from a signed bundle the technician carries as a QR code and
 * pastes (or types from a phone): forged, expired, other-device and replayed bundles are refused
 * with the reason. The box makes its own key; its certificate request goes to the consortium's CA.
 */
final class FromQr {

    /** A QR code holds at most 2,953 bytes; a bundle is a JWS of at most 4,096 characters. */
    static final int MAX_BUNDLE = 4096;

    static final Command COMMAND = new Command("from-qr", """
            from-qr [--bundle TEXT | --file BUNDLE.txt | --scan [--unit UNIT]] [--device ID] [--provisioning-keys KEYS.json]
                                 [--profile PROFILE.yaml] [--config FILE] [--data DIR] [--user USER]""", """
            Provisions the box, with the agent stopped, from a bundle signed by the consortium's provisioning key
            (docs/provisioning.md): given with --bundle or --file, read with the box's own scanner (--scan: the first
            unit with a scanner, or --unit; 120 s), or pasted on the next line. The box must know which
            device it is: --device (the id on the cabinet's label), or the device of its present configuration.
            The bundle is refused, with the reason, when it is not one, is signed by a key not in the provisioning
            keys (default: provisioning-keys.json beside the configuration), has expired, is for another device or
            was used on this box before. The box makes its key and client.csr for the consortium's CA (install the
            answer with 'cert'). Exit codes as init; 65 also for a refused bundle; 69 the scanner could not be used or
            nothing was scanned.""",
            Set.of("bundle", "file", "unit", "device", "provisioning-keys", "profile", "config", "data", "user"), Set.of("scan"), FromQr::run);

    /** How long the technician has to hold the code under the box's scanner. */
    static final Duration SCAN_WAIT = Duration.ofSeconds(120);

    private FromQr() {
    }

    static Exit run(Options o, Console c) throws Options.Invalid {
        Path config = o.path("config", ProvisionTool.CONFIG).toAbsolutePath();
        Path etc = config.getParent();
        String device = o.value("device").orElse(null);
        if (device == null) {
            try {
                device = InstalledConfig.read(config).flatMap(InstalledConfig::deviceId).orElse(null);
            } catch (InvalidConfigException e) {
                device = null;
            }
        }
        if (device == null) {
            throw new Options.Invalid("say which box this is: --device ID (the id on the cabinet's label)");
        }
        TrustedKeys keys;
        try {
            keys = TrustedKeys.load(o.path("provisioning-keys", etc.resolve(Provisioning.PROVISIONING_KEYS).toString()));
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> c.problem("provisioning keys: " + p));
            return Exit.CONFIG;
        }
        String text;
        if (o.flag("scan")) {
            if (o.value("bundle").isPresent() || o.value("file").isPresent()) {
                throw new Options.Invalid("give the bundle once: --bundle, --file or --scan");
            }
            Optional<String> scanned = scan(o, c, config, etc);
            if (scanned.isEmpty()) {
                return Exit.UNAVAILABLE;
            }
            text = scanned.get();
        } else {
            text = bundleText(o, c);
        }
        Bundle bundle;
        try {
            bundle = Bundle.verify(text, keys, device, c.clock().instant().getEpochSecond());
        } catch (Bundle.Refused e) {
            c.problem("bundle refused: " + e.getMessage());
            return Exit.REFUSED;
        }
        Provisioning.Materials m = new Provisioning.Materials(bundle.identity(), o.path("profile", etc.resolve(Provisioning.PROFILE).toString()),
                bundle.caPem(), bundle.trustedKeysJson(),
                "ssl".equals(bundle.identity().brokerUrl().getScheme()) ? new Provisioning.Credentials.MakeKey() : new Provisioning.Credentials.None(),
                null);
        return ProvisionRun.run(o, c, m, "from bundle " + bundle.jti(), stores -> {
            if (stores.used(bundle.jti())) {
                throw new Provisioning.Refused("bundle refused: " + Bundle.Refusal.REPLAYED.words + ": bundle " + bundle.jti() + " was used on this box before");
            }
            if (stores.now() > bundle.exp() + Bundle.SKEW_SECONDS) {
                throw new Provisioning.Refused("bundle refused: " + Bundle.Refusal.EXPIRED.words + ": the box's last known good time is past its expiry");
            }
        }, stores -> stores.spend(bundle.jti(), bundle.exp() + Bundle.SKEW_SECONDS));
    }

    /** The bundle read with the box's own scanner (the agent stopped: it holds the scanner); empty, with the problem said, when none was. */
    private static Optional<String> scan(Options o, Console c, Path config, Path etc) {
        try {
            Optional<InstalledConfig> present = InstalledConfig.read(config);
            if (present.isPresent() && AgentAsk.running(present.get())) {
                c.problem("the agent is running and holds the scanner: stop it first (systemctl stop bookbox)");
                return Optional.empty();
            }
        } catch (InvalidConfigException e) {
            // no agent runs on a configuration it cannot read
        }
        HardwareProfile profile;
        try {
            profile = ProfileLoader.load(o.path("profile", etc.resolve(Provisioning.PROFILE).toString()));
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> c.problem(p.toString()));
            return Optional.empty();
        }
        try (PiBoard board = new PiBoard()) {
            return Optional.of(BundleScan.read(board, profile, o.value("unit"), SCAN_WAIT, c));
        } catch (BundleScan.Failed e) {
            c.problem(e.getMessage());
        } catch (RuntimeException e) {
            c.problem("the board cannot be opened: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String bundleText(Options o, Console c) throws Options.Invalid {
        Optional<String> given = o.value("bundle");
        if (given.isPresent() && o.value("file").isPresent()) {
            throw new Options.Invalid("give the bundle once: --bundle or --file");
        }
        if (given.isPresent()) {
            return given.get();
        }
        if (o.value("file").isPresent()) {
            return Init.read(o.value("file").get(), "--file");
        }
        c.out().println("paste the bundle (scan the QR code into this terminal), then Enter:");
        try {
            String line = c.readLine(MAX_BUNDLE);
            if (line == null) {
                throw new Options.Invalid("no bundle was given");
            }
            return line;
        } catch (IOException e) {
            throw new Options.Invalid("the bundle cannot be read: " + e.getMessage());
        }
    }
}
