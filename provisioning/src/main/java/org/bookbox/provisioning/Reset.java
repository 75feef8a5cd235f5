package org.bookbox.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.journal.Journal;

/**
 * {@code reset}: the box forgets its credentials (client certificate, key, request, trusted keys), so
 * it can be provisioned again. Its configuration stays (it says which device the box is) and so does
 * its journal: events not yet acknowledged are still owed to the backend. {@code --wipe-journal --yes}
 * removes the journal too; {@code tokens.db}, which holds the seq mark, stays, so seq goes on after
 * re-provisioning and no seq is ever issued twice.
 */
final class Reset {

    static final Command COMMAND = new Command("reset", "reset [--config FILE] [--wipe-journal --yes]", """
            With the agent stopped, removes the box's credentials: its client certificate, key and request, and its
            trusted keys. The configuration stays, so the box still knows which device it is (from-qr uses it),
            and the journal stays: events not yet acknowledged are still owed to the backend. --wipe-journal --yes
            removes the journal as well; seq still goes on after re-provisioning (the mark in tokens.db stays).
            Exit 0 done; 64 --wipe-journal without --yes; 74 a file cannot be removed; 75 the agent is running;
            78 there is no configuration.""",
            Set.of("config"), Set.of("wipe-journal", "yes"), Reset::run);

    private Reset() {
    }

    static Exit run(Options o, Console c) {
        Path file = o.path("config", ProvisionTool.CONFIG);
        Optional<InstalledConfig> config;
        try {
            config = InstalledConfig.read(file);
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> c.problem(p.toString()));
            return Exit.CONFIG;
        }
        if (config.isEmpty()) {
            c.problem("there is no configuration at " + file + ": nothing to reset");
            return Exit.CONFIG;
        }
        if (AgentAsk.running(config.get())) {
            c.problem("the agent is running: stop it first (systemctl stop bookbox)");
            return Exit.AGENT_RUNNING;
        }
        boolean wipe = o.flag("wipe-journal");
        if (wipe && !o.flag("yes")) {
            c.problem("--wipe-journal removes the events not yet sent to the backend; add --yes to do it");
            return Exit.USAGE;
        }
        List<Path> gone = new ArrayList<>(config.get().credentials());
        if (wipe && config.get().dataDir().isPresent()) {
            Path journal = config.get().dataDir().get().resolve(Journal.FILE_NAME);
            gone.addAll(List.of(journal, Path.of(journal + "-wal"), Path.of(journal + "-shm")));
        }
        for (Path p : gone) {
            try {
                if (Files.deleteIfExists(p)) {
                    c.out().println("removed " + p);
                }
            } catch (IOException e) {
                c.problem(p + " cannot be removed: " + e.getMessage());
                return Exit.IO_ERROR;
            }
        }
        c.out().println(wipe ? "reset: credentials and journal removed; the seq mark in tokens.db stays, so seq goes on"
                : "reset: credentials removed; the journal stays (events not yet acknowledged are still owed)");
        return Exit.OK;
    }
}
