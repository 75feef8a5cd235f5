package org.bookbox.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionToolTest {

    final ToolRun tool = new ToolRun(Clock.systemUTC());

    int run(String... args) {
        return tool.run(args);
    }

    @Test
    void printsTheWiringSheetOfAValidBox() {
        assertEquals(0, run("check", "--config", "../examples/sim/agent.yaml"));
        String sheet = tool.out();
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
        String e = tool.err();
        assertTrue(e.startsWith("bookbox-provision: " + config + ":1: 'device_id' is 'BAD ID'"), e);
        assertEquals(6, e.lines().count(), e);
    }

    @Test
    void usageOnAnythingElse() {
        assertEquals(64, run("provision-everything"));
        assertTrue(tool.err().startsWith("bookbox-provision: there is no command 'provision-everything'"), tool.err());
        assertEquals(64, run("check", "--config"));
        assertTrue(tool.err().startsWith("bookbox-provision: --config needs a value"), tool.err());
        assertEquals(64, run("reset", "--wipe"));
        assertTrue(tool.err().startsWith("bookbox-provision: --wipe is not an option of this command"), tool.err());
    }

    @Test
    void everyCommandSaysWhatItDoesAndItsExitCodes() {
        for (Command c : ProvisionTool.COMMANDS) {
            assertEquals(0, run(c.name(), "--help"), c.name());
            assertTrue(tool.out().startsWith("usage: bookbox-provision " + c.name()), tool.out());
            assertTrue(tool.out().contains("Exit") || c.name().equals("token"), c.name() + " names its exit codes: " + tool.out());
        }
        assertEquals(0, run("--help"));
        for (Command c : ProvisionTool.COMMANDS) {
            assertTrue(tool.out().contains("\n       bookbox-provision " + c.name() + " "), c.name() + " in " + tool.out());
        }
    }
}
