package org.bookbox.provisioning;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.drivers.board.Board;
import org.bookbox.drivers.pi.PiBoard;

/**
 * {@code selftest}: through the running agent (nothing moves), or {@code --standalone} with the agent
 * stopped, on the box's own parts with the technician at the cabinet ({@link BenchSelftest}).
 */
final class Selftest {

    static final Command COMMAND = new Command("selftest", "selftest [--standalone [--scan-wait SECONDS]] [--config FILE] [--save REPORT.json]", """
            Tests the box and ends with one verdict line; the report is saved as JSON (default bookbox-selftest.json).
            Without --standalone: asks the running agent to test every reader, scanner and door contact (nothing
            moves). With --standalone, the agent stopped: opens the box's parts itself, asks each reader, scanner and
            contact, pulses each door's lock once when you answer y (and asks whether it unlatched), waits at each
            scanner for a test scan (any code; --scan-wait, default 60 s), and connects to the broker with the box's
            CA and certificate. Exit 0: every part answered; 1: a part did not (named); 69: the agent does not
            answer (try --standalone after systemctl stop bookbox); 75: --standalone while the agent runs;
            78: the configuration is wrong.""",
            Set.of("config", "save", "scan-wait"), Set.of("standalone"), Selftest::run);

    private Selftest() {
    }

    static Exit run(Options o, Console c) throws Options.Invalid {
        Path save = o.path("save", "bookbox-selftest.json");
        long wait;
        try {
            wait = Long.parseLong(o.value("scan-wait").orElse("60"));
        } catch (NumberFormatException e) {
            throw new Options.Invalid("--scan-wait takes a whole number of seconds");
        }
        if (wait < 1 || wait > 600) {
            throw new Options.Invalid("--scan-wait takes 1 to 600 seconds");
        }
        return AgentReports.withConfig(o, c, config -> {
            if (!o.flag("standalone")) {
                try {
                    return SelftestReport.print(AgentAsk.get(config, "/selftest", Duration.ofSeconds(40)), save, c);
                } catch (AgentAsk.NoAnswer e) {
                    c.problem(e.getMessage());
                    return Exit.UNAVAILABLE;
                }
            }
            return standalone(config, save, Duration.ofSeconds(wait), c);
        });
    }

    private static Exit standalone(AgentConfig config, Path save, Duration wait, Console c) {
        HardwareProfile profile;
        try {
            profile = ProfileLoader.load(config.profile());
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> c.problem(p.toString()));
            return Exit.CONFIG;
        }
        try {
            AgentAsk.get(config, "/status", Duration.ofSeconds(2));
            c.problem("the agent is running and holds the parts: stop it first (systemctl stop bookbox), or test through it without --standalone");
            return Exit.AGENT_RUNNING;
        } catch (AgentAsk.NoAnswer e) {
            // stopped: the parts are the tool's
        }
        Board board;
        try {
            board = new PiBoard();
        } catch (RuntimeException e) {
            c.problem("cannot open the board's GPIO: " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
        return bench(new BenchSelftest(config, profile, board, c, wait), save, c);
    }

    /** Runs a bench self-test and reports it (the tests run it on the simulated board). */
    static Exit bench(BenchSelftest test, Path save, Console c) {
        JsonObject report;
        try {
            report = test.run();
        } catch (IOException e) {
            c.problem("no scratch journal can be made for the test: " + e.getMessage());
            return Exit.IO_ERROR;
        }
        return SelftestReport.print(report, save, c);
    }
}
