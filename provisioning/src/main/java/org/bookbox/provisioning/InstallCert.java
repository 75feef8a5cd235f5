package org.bookbox.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.config.InvalidConfigException;

/**
 * {@code cert}: installs the certificate the consortium's CA issued for the key {@code init --make-key}
 * or {@code from-qr} made on the box, once it is proven to be that key's.
 */
final class InstallCert {

    static final Command COMMAND = new Command("cert", "cert --file CERT.pem [--config FILE] [--user USER]", """
            Installs the box's client certificate (with its chain) that the consortium's CA issued for the
            request the box made (client.csr). Refused unless it is the certificate of the box's own key and names
            this device. Then the configuration is checked as the agent will. Exit 0 done; 65 refused;
            67 no service user; 74 cannot write; 78 the configuration is still not one the agent accepts.""",
            Set.of("file", "config", "user"), Set.of(), InstallCert::run);

    private InstallCert() {
    }

    static Exit run(Options o, Console c) throws Options.Invalid {
        Path config = o.path("config", ProvisionTool.CONFIG).toAbsolutePath();
        String cert = Init.read(o.required("file"), "--file");
        Path etc = config.getParent();
        Optional<InstalledConfig> present;
        try {
            present = InstalledConfig.read(config);
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> c.problem(p.toString()));
            return Exit.CONFIG;
        }
        if (present.isEmpty() || present.get().deviceId().isEmpty()) {
            c.problem("there is no provisioned box at " + config + ": run init or from-qr first");
            return Exit.CONFIG;
        }
        Path key = etc.resolve(Provisioning.KEY);
        String keyPem;
        try {
            keyPem = Files.readString(key);
        } catch (IOException e) {
            c.problem("the box has no key at " + key + " (" + e.getMessage() + "): run init --make-key or from-qr first");
            return Exit.CONFIG;
        }
        List<String> problems = Provisioning.credentialProblems(new Provisioning.Credentials.Given(cert, keyPem), present.get().deviceId().get());
        if (!problems.isEmpty()) {
            c.problem("not installed: " + String.join("; ", problems));
            return Exit.REFUSED;
        }
        try {
            new OwnerOnlyFiles(ServiceUser.of(o.value("user").orElse(null))).write(etc.resolve(Provisioning.CERT), cert);
            Files.deleteIfExists(etc.resolve(Provisioning.CSR));
        } catch (ServiceUser.Unavailable e) {
            c.problem(e.getMessage());
            return Exit.NO_USER;
        } catch (IOException e) {
            c.problem("the certificate cannot be written: " + e.getMessage());
            return Exit.IO_ERROR;
        }
        c.out().println("certificate installed at " + etc.resolve(Provisioning.CERT));
        try {
            AgentConfigLoader.load(config);
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> c.problem(p.toString()));
            return Exit.CONFIG;
        }
        c.out().println("ok: the agent will accept this configuration; next: systemctl restart bookbox");
        return Exit.OK;
    }
}
