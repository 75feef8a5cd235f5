package org.bookbox.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionToolTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return ProvisionTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheWiringSheetOfAValidBox() {
        assertEquals(0, run("check", "--config", "../examples/sim/agent.yaml"));
        String sheet = out.toString(StandardCharsets.UTF_8);
        assertTrue(sheet.contains("device sim-box-1 of consortium demo-consortium, library DE-705"), sheet);
        assertTrue(sheet.matches("(?s).*park-nest +nest +door left lock \\(800 ms\\) +gpio:17\\n.*"), sheet);
        assertTrue(sheet.matches("(?s).*entrance-return +dropbox +sorter \\(on = transit\\) +gpio:24\\n.*"), sheet);
        assertTrue(sheet.endsWith("ok: the agent will accept this configuration\n"), sheet);
    }

    @Test
    void reportsEveryProblemWithFileAndLine(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, "device_id: BAD ID\n");
        assertEquals(78, run("check", "--config", config.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("bookbox-provision: " + config + ":1: 'device_id' is 'BAD ID'"), e);
        assertEquals(6, e.lines().count(), e);
    }

    @Test
    void usageOnAnythingElse() {
        assertEquals(64, run("provision-everything"));
    }
}
