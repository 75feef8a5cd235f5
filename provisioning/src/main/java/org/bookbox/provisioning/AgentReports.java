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
import org.bookbox.controller.config.AgentConfig;

/**
 * {@code status} and {@code selftest}: what the running agent says of itself, in plain lines for a
 * technician at the box, with one verdict line last.
 */
final class AgentReports {

    private AgentReports() {
    }

    /** @return 0 when the agent answers, 69 when it does not */
    static int status(AgentConfig config, PrintStream out, PrintStream err) {
        JsonObject s;
        try {
            s = AgentAsk.get(config, "/status", Duration.ofSeconds(5));
        } catch (AgentAsk.NoAnswer e) {
            err.println("bookbox-provision: " + e.getMessage());
            return 69;
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
        return 0;
    }

    /**
     * Asks the running agent for its self-test (readers, scanners, door contacts: nothing moves),
     * prints it, saves it as JSON to {@code save}, and says in one line whether all answered.
     *
     * @return 0 when every part answered, 1 when one did not, 69 when the agent does not answer
     */
    static int selftest(AgentConfig config, Path save, PrintStream out, PrintStream err) {
        JsonObject report;
        try {
            report = AgentAsk.get(config, "/selftest", Duration.ofSeconds(40));
        } catch (AgentAsk.NoAnswer e) {
            err.println("bookbox-provision: " + e.getMessage());
            return 69;
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
        return faults.isEmpty() ? 0 : 1;
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
