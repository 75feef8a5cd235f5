package org.bookbox.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bookbox.simulator.SimulatorMain;

/** Starts a main class in a child JVM from any test package. */
public final class ChildJvmStarter {

    private static final Pattern UP = Pattern.compile("local API on 127\\.0\\.0\\.1:(\\d+)");

    private ChildJvmStarter() {
    }

    /** Starts a main class, its output discarded. */
    public static Process start(Class<?> main, String... args) throws IOException {
        return ChildJvm.builder(main, args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** An agent process, up, and its local API's port. */
    public record Agent(Process process, int port) {
    }

    /** Starts the agent ({@code bookbox-agent args}) and waits until it says where its local API listens. */
    public static Agent agent(String... args) throws IOException {
        return agent(List.of(), args);
    }

    /**
     * Starts the agent behind a command prefix ({@code unshare ...}) and waits until it says where its
     * local API listens; the rest of its output is read and dropped.
     */
    public static Agent agent(List<String> prefix, String... args) throws IOException {
        return agent(prefix, Map.of(), args);
    }

    /** The same with more environment (systemd's NOTIFY_SOCKET and WATCHDOG_USEC). */
    public static Agent agent(List<String> prefix, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(ChildJvm.builder(SimulatorMain.class, args).command());
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process p = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        Matcher m = null;
        while ((line = out.readLine()) != null && !(m = UP.matcher(line)).find()) {
            // start-up lines
        }
        if (m == null || !m.find(0)) {
            p.destroyForcibly();
            throw new IOException("the agent never said it was up");
        }
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                // the process ended
            }
        }, "agent-output");
        drain.setDaemon(true);
        drain.start();
        return new Agent(p, Integer.parseInt(m.group(1)));
    }
}
