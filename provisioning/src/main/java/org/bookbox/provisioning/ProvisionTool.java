package org.bookbox.provisioning;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The technician's tool, {@code bookbox-provision COMMAND [OPTIONS]}: every command says what it
 * does with {@code --help}, talks in plain lines, and ends with an exit code the README lists.
 */
public final class ProvisionTool {

    static final String CONFIG = "/etc/bookbox/agent.yaml";
    static final String DATA = "/var/lib/bookbox";

    static final List<Command> COMMANDS = List.of(Init.COMMAND, FromQr.COMMAND, InstallCert.COMMAND, Check.COMMAND,
            AgentReports.STATUS, Selftest.COMMAND, Reset.COMMAND, TokenCommand.COMMAND);

    private ProvisionTool() {
    }

    public static void main(String[] args) {
        Console console = new Console(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out, System.err, Clock.systemUTC());
        System.exit(run(args, console));
    }

    static String usage() {
        return COMMANDS.stream().map(c -> "       bookbox-provision " + c.synopsis())
                .collect(Collectors.joining("\n", "usage: bookbox-provision COMMAND --help   (what a command does)\n", ""));
    }

    /** The command line run; returns the exit code. */
    static int run(String[] args, Console c) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? c.err() : c.out()).println(usage());
            return args.length == 0 ? Exit.USAGE.code : Exit.OK.code;
        }
        Optional<Command> command = COMMANDS.stream().filter(k -> k.name().equals(args[0])).findFirst();
        if (command.isEmpty()) {
            c.problem("there is no command '" + args[0] + "'");
            c.err().println(usage());
            return Exit.USAGE.code;
        }
        Command k = command.get();
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            c.out().println("usage: bookbox-provision " + k.synopsis());
            c.out().println();
            c.out().println(k.help());
            return Exit.OK.code;
        }
        try {
            return k.action().run(Options.parse(args, 1, k.values(), k.flags()), c).code;
        } catch (Options.Invalid e) {
            c.problem(e.getMessage());
            c.err().println("usage: bookbox-provision " + k.synopsis());
            return Exit.USAGE.code;
        }
    }
}
