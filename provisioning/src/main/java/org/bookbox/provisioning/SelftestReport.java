package org.bookbox.provisioning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A self-test's report in plain lines, saved as JSON, with one verdict line naming every fault. */
final class SelftestReport {

    private SelftestReport() {
    }

    static Exit print(JsonObject report, Path save, Console c) {
        List<String> faults = new ArrayList<>();
        for (Object o : report.getJsonArray("units", new JsonArray())) {
            JsonObject u = (JsonObject) o;
            c.out().printf("unit %s%n", u.getString("unit"));
            u.forEach(e -> {
                if (!e.getKey().equals("unit")) {
                    c.out().printf("  %-10s %s%n", e.getKey(), e.getValue());
                }
            });
            collectFaults(u.getString("unit"), u, faults);
        }
        int notPulsed = 0;
        for (Object o : report.getJsonArray("locks", new JsonArray())) {
            JsonObject l = (JsonObject) o;
            String where = "door " + l.getString("door") + " of " + l.getString("unit");
            if (!l.getBoolean("pulsed", false)) {
                notPulsed++;
                c.out().printf("lock of %s: not pulsed%n", where);
            } else {
                c.out().printf("lock of %s: %s%n", where, l.getBoolean("ok", false) ? "pulsed, unlatched" : "FAULT: " + l.getString("error"));
            }
            collectFaults("lock of " + where, l, faults);
        }
        for (Object o : report.getJsonArray("scans", new JsonArray())) {
            JsonObject s = (JsonObject) o;
            c.out().printf("scanner of %s: %s%n", s.getString("unit"), s.getBoolean("ok", false) ? "read a test scan: " + s.getString("read") : "FAULT: " + s.getString("error"));
            collectFaults("scanner of " + s.getString("unit"), s, faults);
        }
        for (String part : List.of("broker", "box")) {
            JsonObject p = report.getJsonObject(part);
            if (p != null) {
                c.out().printf("%s: %s%n", part, p.getBoolean("ok", false) ? "ok, " + p.getString("url") + ", TLS " + p.getString("tls") : "FAULT: " + p.getString("error"));
                collectFaults(part, p, faults);
            }
        }
        try {
            Files.writeString(save, report.encodePrettily() + "\n");
            c.out().println("report saved to " + save);
        } catch (IOException e) {
            c.problem("the report could not be saved to " + save + ": " + e.getMessage());
        }
        String skipped = notPulsed == 0 ? "" : " (" + notPulsed + " lock(s) not pulsed)";
        c.out().println(faults.isEmpty() ? "verdict: every part answered" + skipped : "verdict: FAULTS: " + String.join("; ", faults) + skipped);
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
