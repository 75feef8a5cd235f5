package org.bookbox.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bookbox.simulator.SimulatorMain;

/** Starts a main class in a child JVM from any test package. */
public final class ChildJvmStarter {

    private static final Path LOGS = Path.of("target", "agent-logs");
    private static final Pattern UP = Pattern.compile("local API on 127\\.0\\.0\\.1:(\\d+)");

    private ChildJvmStarter() {
    }

    /** Starts a main class, its output discarded. */
    public static Process start(Class<?> main, String... args) throws IOException {
        return ChildJvm.builder(main, args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** An agent process, up, its local API's port and the file its output goes to. */
    public record Agent(Process process, int port, Path log) {

        /** The last lines of the agent's output, for the message of a failed assertion. */
        public String logTail(int lines) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return "the agent's last " + lines + " lines (" + log + "):\n"
                        + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "the agent's output is not readable: " + e.getMessage();
            }
        }
    }

    /** Starts the agent ({@code bookbox-agent args}) and waits until it says where its local API listens. */
    public static Agent agent(String... args) throws IOException {
        return agent(List.of(), args);
    }

    /**
     * Starts the agent behind a command prefix ({@code unshare ...}) and waits until it says where its
     * local API listens; its whole output goes to {@code target/agent-logs/agent-<pid>.log}, kept for
     * whoever reads a failed run.
     */
    public static Agent agent(List<String> prefix, String... args) throws IOException {
        return agent(prefix, Map.of(), args);
    }

    /** The same with more environment (systemd's NOTIFY_SOCKET and WATCHDOG_USEC). */
    public static Agent agent(List<String> prefix, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(ChildJvm.builder(SimulatorMain.class, args).command());
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        Files.createDirectories(LOGS);
        Path logFile = LOGS.resolve("agent-" + p.pid() + ".log");
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        Matcher m = null;
        while ((line = out.readLine()) != null && !(m = UP.matcher(line)).find()) {
            log.write(line + "\n");
        }
        if (m == null || !m.find(0)) {
            log.close();
            p.destroyForcibly();
            throw new IOException("the agent never said it was up (its output: " + logFile + ")");
        }
        log.write(line + "\n");
        log.flush();
        Thread drain = new Thread(() -> {
            try (log) {
                out.transferTo(log);
            } catch (IOException e) {
                // the process ended
            }
        }, "agent-output");
        drain.setDaemon(true);
        drain.start();
        return new Agent(p, Integer.parseInt(m.group(1)), logFile);
    }
}
