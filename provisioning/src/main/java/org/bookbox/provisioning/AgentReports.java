package org.bookbox.provisioning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.config.InvalidConfigException;

/**
 * {@code status}: what the running agent says of itself, in plain lines for a technician at the
 * box, with one verdict line last.
 */
final class AgentReports {

    static final Command STATUS = new Command("status", "status [--config /etc/bookbox/agent.yaml]", """
            Asks the running agent, where its configuration says it listens, what it is doing: the journal, the
            backend connection, the clock, every door; one verdict line last. Exit 0: it answered; 69: it did not.""",
            Set.of("config"), Set.of(), (o, c) -> withConfig(o, c, config -> status(config, c.out(), c.err())));

    private AgentReports() {
    }

    /** The configuration a command works from, or its problems printed and {@link Exit#CONFIG}. */
    static Exit withConfig(Options o, Console c, Function<AgentConfig, Exit> then) {
        try {
            return then.apply(AgentConfigLoader.load(o.path("config", ProvisionTool.CONFIG)));
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> c.problem(p.toString()));
            return Exit.CONFIG;
        }
    }

    static Exit status(AgentConfig config, PrintStream out, PrintStream err) {
        JsonObject s;
        try {
            s = AgentAsk.get(config, "/status", Duration.ofSeconds(5));
        } catch (AgentAsk.NoAnswer e) {
            err.println("bookbox-provision: " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
        out.printf("agent %s, up since %s, journal at seq %d with %d event(s) not yet acknowledged%n",
                s.getString("version"), s.getString("since"), s.getLong("last_seq", -1L), s.getLong("queue", -1L));
        JsonObject up = s.getJsonObject("uplink", new JsonObject());
        if (up.getBoolean("connected", false)) {
            out.printf("backend: connected to %s since %s%n", up.getString("broker"), up.getString("since"));
        } else {
            out.printf("backend: NOT connected (%s)%s%n", up.getString("problem"), up.getString("since") == null ? "" : ", since " + up.getString("since"));
        }
        out.printf("clock %s%n", s.getBoolean("clock_synced", false) ? "synchronised" : "NOT known to be right");
        List<String> alarms = new ArrayList<>();
        for (Object o : s.getJsonArray("units", new JsonArray())) {
            JsonObject u = (JsonObject) o;
            out.printf("unit %s (%s)%n", u.getString("unit"), u.getString("kind"));
            for (Object d : u.getJsonArray("doors", new JsonArray())) {
                JsonObject door = (JsonObject) d;
                out.printf("  door %-6s %s, %s, session %s%n", door.getString("door"), door.getBoolean("open", false) ? "open" : "shut",
                        door.getBoolean("locked", true) ? "locked" : "UNLOCKED", door.getString("session"));
            }
            u.getJsonArray("alarms", new JsonArray()).forEach(a -> alarms.add(u.getString("unit") + ": " + a));
        }
        out.println(alarms.isEmpty() ? "verdict: serving, no alarm" : "verdict: serving, with alarms: " + String.join(", ", alarms));
        return Exit.OK;
    }
}
