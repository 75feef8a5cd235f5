package org.bookbox.provisioning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.store.JournalException;

/**
 * The steps {@code init} and {@code from-qr} share: the service user found, the agent known to be
 * stopped (the journal is then the tool's alone), the stores opened, the materials installed and the
 * event recorded, the stores' files given to the service user, and what to do next.
 */
final class ProvisionRun {

    /** A check made once the stores are open, before anything is written (a bundle's replay). */
    interface BeforeInstall {
        void check(BoxStores stores) throws Provisioning.Refused, JournalException;
    }

    /** What is remembered once installed (a bundle's id, spent). */
    interface AfterInstall {
        void done(BoxStores stores) throws JournalException;
    }

    private ProvisionRun() {
    }

    static Exit run(Options o, Console c, Provisioning.Materials m, String detail, BeforeInstall before, AfterInstall after) {
        Path config = o.path("config", ProvisionTool.CONFIG).toAbsolutePath();
        Path data = o.path("data", ProvisionTool.DATA).toAbsolutePath();
        ServiceUser user;
        try {
            user = ServiceUser.of(o.value("user").orElse(null));
        } catch (ServiceUser.Unavailable e) {
            c.problem(e.getMessage());
            return Exit.NO_USER;
        }
        try {
            Optional<InstalledConfig> present = InstalledConfig.read(config);
            if (present.isPresent() && AgentAsk.running(present.get())) {
                c.problem("the agent is running: stop it first (systemctl stop bookbox), then provision");
                return Exit.AGENT_RUNNING;
            }
        } catch (InvalidConfigException e) {
            c.out().println("the present " + config + " cannot be read; it is replaced");
        }
        OwnerOnlyFiles files = new OwnerOnlyFiles(user);
        Provisioning provisioning = new Provisioning(config.getParent(), data, files, c);
        try (BoxStores stores = BoxStores.open(data, c.clock())) {
            before.check(stores);
            RecordedEvent event = provisioning.install(m, detail, stores);
            after.done(stores);
            c.out().printf("provisioned %s of %s (library %s); recorded as event seq %d%n", m.identity().deviceId(),
                    m.identity().consortiumId(), m.identity().libraryIsil(), event.seq());
        } catch (Provisioning.Refused e) {
            c.problem("nothing was installed: " + e.getMessage());
            return Exit.REFUSED;
        } catch (JournalException | AgentStartException e) {
            c.problem("the journal in " + data + " cannot be written: " + e.getMessage());
            return Exit.IO_ERROR;
        } catch (IOException e) {
            c.problem("a file could not be written: " + e.getMessage());
            return Exit.IO_ERROR;
        } catch (ServiceUser.Unavailable e) {
            c.problem(e.getMessage());
            return Exit.NO_PERMISSION;
        }
        try {
            for (Path p : BoxStores.files(data)) {
                files.own(p);
            }
        } catch (ServiceUser.Unavailable e) {
            c.problem(e.getMessage());
            return Exit.NO_PERMISSION;
        }
        c.out().println("files in " + config.getParent() + " are owner-only, owned by " + user.name());
        c.out().println("next: bookbox-provision check --config " + config + ", then systemctl restart bookbox");
        return Exit.OK;
    }
}
