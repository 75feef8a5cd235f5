package org.bookbox.controller;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.lifecycle.ClockWatch;
import org.bookbox.controller.lifecycle.ExitCode;
import org.bookbox.controller.lifecycle.SystemdNotifier;
import org.bookbox.controller.lifecycle.Watchdog;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.controller.trust.TrustedKeys;
import org.bookbox.drivers.board.Board;
import org.bookbox.drivers.pi.PiBoard;

/**
 * {@code bookbox-agent [--check] [--config FILE]}: the process systemd runs, and the composition
 * root: it builds the board, the agent (which serves the local API) and, when the simulator's
 * entry point calls it with a {@link Simulation}, the simulated board and its controls. A refusal to
 * start is one line per problem on stderr and a sysexits code, never a stack trace.
 */
public final class BookboxMain {

    static final String USAGE = """
            usage: bookbox-agent [--config FILE] [--simulate] [--check] [--api-port N]
              --config FILE   agent configuration (default /etc/bookbox/agent.yaml)
              --simulate      run on the simulated board (only in bookbox-simulator.jar: ./dev simulate)
              --check         check configuration, profile and keys, then exit
              --api-port N    listen on this port instead of the configured one (0: any free port)""";

    private BookboxMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, null));
    }

    /** @param simulation the simulated box, or null where there is none (the production agent) */
    public static int run(String[] args, Simulation simulation) {
        Path configFile = Path.of("/etc/bookbox/agent.yaml");
        boolean simulate = false;
        boolean check = false;
        Integer apiPort = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--simulate" -> simulate = true;
                case "--check" -> check = true;
                case "--config", "--api-port" -> {
                    if (i + 1 >= args.length) {
                        return usage(args[i] + " needs a value");
                    }
                    String value = args[++i];
                    if (args[i - 1].equals("--config")) {
                        configFile = Path.of(value);
                    } else {
                        try {
                            apiPort = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            return usage("--api-port needs a number, got '" + value + "'");
                        }
                    }
                }
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return 0;
                }
                case "--version" -> {
                    System.out.println("bookbox-agent " + Agent.VERSION);
                    return 0;
                }
                default -> {
                    return usage("unknown option '" + args[i] + "'");
                }
            }
        }

        AgentConfig config;
        HardwareProfile profile;
        try {
            config = AgentConfigLoader.load(configFile);
            profile = ProfileLoader.load(config.profile());
            TrustedKeys.load(config.trustedKeys());
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> System.err.println("bookbox: " + p));
            return ExitCode.CONFIG.code;
        }
        if (apiPort != null) {
            config = config.withApiPort(apiPort);
        }
        if (check) {
            System.out.println("bookbox: " + config.file() + " and " + profile.file() + " are valid: "
                    + profile.units().size() + " unit(s), device " + config.deviceId());
            return 0;
        }

        if (simulate && simulation == null) {
            return usage("--simulate needs the simulator, which is not part of the production agent: run bookbox-simulator.jar (./dev simulate)");
        }
        if (simulate) {
            simulation.prepare(config);
        }
        Board board;
        try {
            board = simulate ? simulation.board() : new PiBoard();
        } catch (RuntimeException e) {
            System.err.println("bookbox: cannot open the board's GPIO: " + e.getMessage() + (simulate ? "" : " (use --simulate off a Raspberry Pi)"));
            return ExitCode.UNAVAILABLE.code;
        }
        BooleanSupplier synced = simulate ? ClockWatch.hostClock() : ClockWatch.flagFile(config.clockSyncFlag());
        Agent agent = new Agent(config, profile, board, Clock.systemUTC(), synced);
        if (simulate) {
            simulation.attach(agent);
        }
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger exit = new AtomicInteger(0);
        agent.onFatal(t -> {
            exit.set(ExitCode.SOFTWARE.code);
            ended.countDown();
        });
        try {
            agent.start();
        } catch (AgentStartException e) {
            System.err.println("bookbox: " + e.getMessage());
            return e.exitCode().code;
        }
        // under systemd (Type=notify): ready once the units serve, and a watchdog fed while every part answers
        Optional<SystemdNotifier> systemd = SystemdNotifier.fromEnvironment(System.getenv());
        Optional<Watchdog> watchdog = systemd.flatMap(n -> {
            n.send("READY=1");
            return Watchdog.interval(System.getenv()).map(every -> Watchdog.start(n, every,
                    () -> agent.stuck(Duration.ofMillis(Math.min(2000, every.toMillis() / 4)))));
        });
        // SIGTERM from systemd (and Ctrl-C) lands here: a clean stop with every lock released.
        Thread hook = new Thread(() -> {
            systemd.ifPresent(n -> n.send("STOPPING=1"));
            watchdog.ifPresent(Watchdog::close);
            agent.stop();
            if (simulation != null) {
                simulation.close();
            }
            ended.countDown();
        }, "bookbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exit.get();
    }

    private static int usage(String problem) {
        System.err.println("bookbox: " + problem);
        System.err.println(USAGE);
        return ExitCode.USAGE.code;
    }
}
