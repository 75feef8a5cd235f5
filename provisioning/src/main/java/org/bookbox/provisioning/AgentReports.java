package org.bookbox.provisioning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.config.InvalidConfigException;

/**
 * {@code status} and {@code selftest}: what the running agent says of itself, in plain lines for a
 * technician at the box, with one verdict line last.
 */
final class AgentReports {

    static final Command STATUS = new Command("status", "status [--config /etc/bookbox/agent.yaml]", """
            Asks the running agent, where its configuration says it listens, what it is doing: the journal, the
            backend connection, the clock, every door; one verdict line last. Exit 0: it answered; 69: it did not.""",
            Set.of("config"), Set.of(), (o, c) -> withConfig(o, c, config -> status(config, c.out(), c.err())));

    static final Command SELFTEST = new Command("selftest", "selftest [--config FILE] [--save REPORT.json]", """
            Asks the running agent to test every reader, scanner and door contact (nothing moves), prints the
            report, saves it as JSON (default bookbox-selftest.json) and says in one verdict line whether all
            answered. Exit 0: all answered; 1: a part did not (named); 69: the agent does not answer.""",
            Set.of("config", "save"), Set.of(),
            (o, c) -> withConfig(o, c, config -> selftest(config, o.path("save", "bookbox-selftest.json"), c.out(), c.err())));

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

    /**
     * Asks the running agent for its self-test (readers, scanners, door contacts: nothing moves),
     * prints it, saves it as JSON to {@code save}, and says in one line whether all answered.
     */
    static Exit selftest(AgentConfig config, Path save, PrintStream out, PrintStream err) {
        JsonObject report;
        try {
            report = AgentAsk.get(config, "/selftest", Duration.ofSeconds(40));
        } catch (AgentAsk.NoAnswer e) {
            err.println("bookbox-provision: " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
        List<String> faults = new ArrayList<>();
        for (Object o : report.getJsonArray("units", new JsonArray())) {
            JsonObject u = (JsonObject) o;
            out.printf("unit %s%n", u.getString("unit"));
            u.forEach(e -> {
                if (!e.getKey().equals("unit")) {
                    out.printf("  %-10s %s%n", e.getKey(), e.getValue());
                }
            });
            collectFaults(u.getString("unit"), u, faults);
        }
        try {
            Files.writeString(save, report.encodePrettily() + "\n");
            out.println("report saved to " + save);
        } catch (IOException e) {
            err.println("bookbox-provision: the report could not be saved to " + save + ": " + e.getMessage());
        }
        out.println(faults.isEmpty() ? "verdict: every reader, scanner and contact answered" : "verdict: FAULTS: " + String.join("; ", faults));
        return faults.isEmpty() ? Exit.OK : Exit.FAULTS;
    }

    /** A part that says offline, failed or not answering is a fault; where it is, by path. */
    private static void collectFaults(String where, Object value, List<String> faults) {
        if (value instanceof JsonObject o && Boolean.FALSE.equals(o.getValue("ok"))) {
            faults.add(where + (o.containsKey("antenna") ? " antenna " + o.getString("antenna") : "") + ": " + o.getString("error", "no answer"));
        } else if (value instanceof JsonObject o) {
            o.forEach(e -> collectFaults(where + "/" + e.getKey(), e.getValue(), faults));
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                collectFaults(where + "[" + i + "]", a.getValue(i), faults);
            }
        } else if (value instanceof String s && (s.equals("offline") || s.startsWith("failed") || s.startsWith("error"))) {
            faults.add(where + " " + s);
        }
    }
}
