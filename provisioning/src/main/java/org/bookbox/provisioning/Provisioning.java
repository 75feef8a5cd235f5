package org.bookbox.provisioning;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.trust.TrustedKeys;

/**
 * Makes a box who it is, the same way for {@code init} and {@code from-qr}: checks every part first
 * (nothing is written when one is wrong), installs the files owner-only for the service user, writes
 * the agent configuration last, and records the {@code lifecycle provisioned} event in the journal.
 */
final class Provisioning {

    static final String CONFIG = "agent.yaml";
    static final String PROFILE = "profile.yaml";
    static final String CA = "broker-ca.pem";
    static final String CERT = "client.pem";
    static final String KEY = "client.key";
    static final String CSR = "client.csr";
    static final String TRUSTED_KEYS = "trusted-keys.json";
    static final String PROVISIONING_KEYS = "provisioning-keys.json";
    static final int MAX_LOCATION = 200;

    /** Who the box is and where it reports. */
    record Identity(String deviceId, String consortiumId, String libraryIsil, String location, URI brokerUrl) {
    }

    /** The box's client credentials: given (a certificate and its key), made on the box (a CSR goes to the CA), or none (a loopback broker). */
    sealed interface Credentials {
        record Given(String certPem, String keyPem) implements Credentials {
        }

        record MakeKey() implements Credentials {
        }

        record None() implements Credentials {
        }
    }

    /**
     * What is installed: the identity, the profile to copy in, the broker's CA, the trusted keys, the
     * credentials, and (from {@code init}, optional) the consortium's provisioning keys for a later {@code from-qr}.
     */
    record Materials(Identity identity, Path profile, String caPem, String trustedKeysJson, Credentials credentials, String provisioningKeysJson) {
    }

    /** A part is wrong: nothing was written. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final Path etc;
    private final Path dataDir;
    private final OwnerOnlyFiles files;
    private final Console console;

    Provisioning(Path etc, Path dataDir, OwnerOnlyFiles files, Console console) {
        this.etc = etc;
        this.dataDir = dataDir;
        this.files = files;
        this.console = console;
    }

    /** Every problem of the materials, in words; empty when they can be installed. */
    static List<String> problems(Materials m) {
        List<String> problems = new ArrayList<>();
        Identity id = m.identity();
        if (!id.deviceId().matches(AgentConfigLoader.ID_PATTERN)) {
            problems.add("device id '" + id.deviceId() + "' is not lower-case letters, digits and dashes (at most 63)");
        }
        if (!id.consortiumId().matches(AgentConfigLoader.ID_PATTERN)) {
            problems.add("consortium id '" + id.consortiumId() + "' is not lower-case letters, digits and dashes (at most 63)");
        }
        if (!id.libraryIsil().matches(AgentConfigLoader.ISIL_PATTERN)) {
            problems.add("'" + id.libraryIsil() + "' is not an ISIL such as DE-705");
        }
        if (id.location() != null && (id.location().length() > MAX_LOCATION || id.location().chars().anyMatch(Character::isISOControl))) {
            problems.add("the location must be one line of at most " + MAX_LOCATION + " characters");
        }
        boolean ssl = "ssl".equals(id.brokerUrl().getScheme());
        if (!ssl && !"tcp".equals(id.brokerUrl().getScheme()) || id.brokerUrl().getHost() == null) {
            problems.add("broker URL '" + id.brokerUrl() + "' is not ssl://host:port (or tcp:// for a broker on this machine)");
        }
        if (ssl && m.caPem() == null) {
            problems.add("an ssl:// broker needs its CA certificate");
        }
        if (ssl && m.credentials() instanceof Credentials.None) {
            problems.add("an ssl:// broker needs the box's certificate and key (or a key made here, with a request for the CA)");
        }
        if (m.caPem() != null) {
            try {
                ClientKey.certificates(m.caPem().getBytes());
            } catch (GeneralSecurityException e) {
                problems.add("the broker's CA is not a PEM certificate: " + e.getMessage());
            }
        }
        if (m.credentials() instanceof Credentials.Given g) {
            problems.addAll(credentialProblems(g, id.deviceId()));
        }
        return problems;
    }

    /** A certificate and key that belong together (and what the certificate is for, if not this device). */
    static List<String> credentialProblems(Credentials.Given g, String deviceId) {
        List<String> problems = new ArrayList<>();
        try {
            X509Certificate cert = ClientKey.certificates(g.certPem().getBytes()).getFirst();
            PrivateKey key = ClientKey.privateKey(g.keyPem());
            if (!ClientKey.belongTogether(cert, key)) {
                problems.add("the certificate is not the key's: it was issued for another key");
            } else if (!cert.getSubjectX500Principal().getName().contains("CN=" + deviceId)) {
                problems.add("the certificate names " + cert.getSubjectX500Principal().getName() + ", not CN=" + deviceId);
            }
        } catch (GeneralSecurityException e) {
            problems.add("the certificate or key cannot be read: " + e.getMessage());
        }
        return problems;
    }

    /**
     * Installs the materials and records the event.
     *
     * @param detail how the box was provisioned (the event's {@code detail} begins with it)
     * @return the recorded {@code provisioned} event
     */
    RecordedEvent install(Materials m, String detail, BoxStores stores)
            throws Refused, IOException, ServiceUser.Unavailable, JournalException {
        List<String> problems = problems(m);
        Path profile = etc.resolve(PROFILE);
        checkProfileAndKeys(m, problems);
        if (!problems.isEmpty()) {
            throw new Refused(String.join("; ", problems));
        }
        if (!m.profile().toAbsolutePath().normalize().equals(profile.toAbsolutePath().normalize())) {
            files.write(profile, Files.readString(m.profile()));
        }
        files.write(etc.resolve(TRUSTED_KEYS), m.trustedKeysJson());
        if (m.provisioningKeysJson() != null) {
            files.write(etc.resolve(PROVISIONING_KEYS), m.provisioningKeysJson());
        }
        if (m.caPem() != null) {
            files.write(etc.resolve(CA), m.caPem());
        }
        String awaiting = "";
        switch (m.credentials()) {
            case Credentials.Given g -> {
                files.write(etc.resolve(KEY), g.keyPem());
                files.write(etc.resolve(CERT), g.certPem());
                Files.deleteIfExists(etc.resolve(CSR));
            }
            case Credentials.MakeKey k -> {
                KeyPair pair = generate();
                Identity id = m.identity();
                files.write(etc.resolve(KEY), ClientKey.pem(pair.getPrivate()));
                files.write(etc.resolve(CSR), csr(pair, id));
                // an older certificate belongs to an older key: the agent must not try it
                Files.deleteIfExists(etc.resolve(CERT));
                awaiting = "; client key made on the box, its certificate awaited";
                console.out().println("the box's key is made; its certificate request is " + etc.resolve(CSR)
                        + ": have the consortium's CA sign it, then: bookbox-provision cert --file CERT.pem");
            }
            case Credentials.None n -> {
                // a broker on this machine: no client certificate
            }
        }
        files.write(etc.resolve(CONFIG), config(m));
        Identity id = m.identity();
        return stores.provisioned(detail + ": device " + id.deviceId() + " of " + id.consortiumId() + ", library "
                + id.libraryIsil() + ", broker " + id.brokerUrl() + awaiting);
    }

    private static KeyPair generate() throws IOException {
        try {
            return ClientKey.make();
        } catch (GeneralSecurityException e) {
            throw new IOException("no EC P-256 key can be made on this JVM: " + e.getMessage(), e);
        }
    }

    private static String csr(KeyPair pair, Identity id) throws IOException {
        try {
            return ClientKey.csr(pair, id.deviceId(), id.libraryIsil(), id.consortiumId());
        } catch (GeneralSecurityException e) {
            throw new IOException("the certificate request cannot be signed: " + e.getMessage(), e);
        }
    }

    /** The profile and the trusted keys, read as the agent will read them (from a scratch copy for the keys). */
    private static void checkProfileAndKeys(Materials m, List<String> problems) throws IOException {
        try {
            ProfileLoader.load(m.profile());
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> problems.add(p.toString()));
        }
        checkKeySet("trusted keys", m.trustedKeysJson(), problems);
        if (m.provisioningKeysJson() != null) {
            checkKeySet("provisioning keys", m.provisioningKeysJson(), problems);
        }
    }

    private static void checkKeySet(String what, String json, List<String> problems) throws IOException {
        Path scratch = Files.createTempFile("bookbox-keys", ".json");
        try {
            Files.writeString(scratch, json);
            TrustedKeys.load(scratch);
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> problems.add(what + ": " + p.message()));
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private String config(Materials m) {
        Identity id = m.identity();
        StringBuilder y = new StringBuilder();
        y.append("# Written by bookbox-provision; check it with: bookbox-provision check\n");
        y.append("device_id: ").append(id.deviceId()).append('\n');
        y.append("consortium_id: ").append(id.consortiumId()).append('\n');
        y.append("library_isil: ").append(quoted(id.libraryIsil())).append('\n');
        Optional.ofNullable(id.location()).ifPresent(l -> y.append("location: ").append(quoted(l)).append('\n'));
        y.append("broker_url: ").append(quoted(id.brokerUrl().toString())).append('\n');
        if (m.caPem() != null) {
            y.append("tls:\n  ca_file: ").append(CA).append("\n  cert_file: ").append(CERT).append("\n  key_file: ").append(KEY).append('\n');
        }
        y.append("data_dir: ").append(quoted(dataDir.toAbsolutePath().toString())).append('\n');
        y.append("trusted_keys: ").append(TRUSTED_KEYS).append('\n');
        y.append("profile: ").append(PROFILE).append('\n');
        return y.toString();
    }

    /** A YAML double-quoted scalar (the values were checked to be one line). */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
