package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on what the build made: no package cycles (by jdeps, the JDK's
 * own dependency tool), no simulator or test helper in the production agent, no class past about
 * 300 lines, no inline qualified names.
 */
class ArchitectureTest {

    static final Path REPO = ChildJvm.repo();
    static final List<String> MODULES = List.of("drivers", "controller", "simulator", "provisioning");
    /** "About 300 lines": a class may run a little past it (the door state machine and the journal do), not far. */
    static final int MAX_LINES = 330;

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none", "-e", "org\\.bookbox\\..*"));
        MODULES.forEach(m -> args.add(REPO.resolve(m).resolve("target/classes").toString()));
        StringWriter out = new StringWriter();
        int rc = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
        assertEquals(0, rc, out.toString());
        Map<String, Set<String>> uses = new TreeMap<>();
        Matcher m = Pattern.compile("^\\s+(org\\.bookbox\\.[\\w.]+)\\s+->\\s+(org\\.bookbox\\.[\\w.]+)", Pattern.MULTILINE).matcher(out.toString());
        while (m.find()) {
            if (!m.group(1).equals(m.group(2))) {
                uses.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        assertTrue(uses.size() > 20, "jdeps saw the packages: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            List<String> path = pathBack(uses, from);
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertEquals(List.of(), cycles);
    }

    /** A way from {@code start} through its dependencies back to itself, or null. */
    private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>(uses.getOrDefault(start, Set.of()));
        uses.getOrDefault(start, Set.of()).forEach(n -> cameFrom.put(n, start));
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (n.equals(start)) {
                List<String> path = new ArrayList<>(List.of(start));
                for (String at = cameFrom.get(start); !at.equals(start); at = cameFrom.get(at)) {
                    path.add(0, at);
                }
                path.add(0, start);
                return path;
            }
            for (String next : uses.getOrDefault(n, Set.of())) {
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, n);
                    todo.add(next);
                }
            }
        }
        return null;
    }

    @Test
    void theProductionAgentHoldsNoSimulatorAndNoTestHelper() throws IOException {
        Path agent = REPO.resolve("controller/target/bookbox-agent.jar");
        assertTrue(Files.exists(agent), "the build made " + agent);
        List<String> shipped = new ArrayList<>();
        try (JarFile jar = new JarFile(agent.toFile())) {
            jar.stream().map(e -> e.getName()).forEach(shipped::add);
        }
        try (Stream<Path> lib = Files.list(REPO.resolve("controller/target/lib"))) {
            lib.map(p -> p.getFileName().toString()).forEach(shipped::add);
            try (JarFile drivers = new JarFile(REPO.resolve("controller/target/lib").resolve(
                    shipped.stream().filter(n -> n.startsWith("bookbox-drivers")).findFirst().orElseThrow()).toFile())) {
                drivers.stream().map(e -> e.getName()).forEach(shipped::add);
            }
        }
        assertTrue(shipped.stream().anyMatch(n -> n.endsWith("Agent.class")), "the agent is in it");
        assertEquals(List.of(), shipped.stream()
                .filter(n -> n.contains("Simulated") || n.contains("Simulator") || n.contains("Twin") || n.contains("ManualTimers") || n.contains("pi4j-plugin-mock")
                        || n.contains("bookbox-simulator") || n.contains("org/bookbox/simulator"))
                .toList());
    }

    @Test
    void noClassRunsFarPastThreeHundredLines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path file : mainSources()) {
            long lines = Files.readAllLines(file).size();
            if (lines > MAX_LINES) {
                long_.add(REPO.relativize(file) + " (" + lines + ")");
            }
        }
        assertEquals(List.of(), long_);
    }

    @Test
    void namesAreImportedNotWrittenOutInline() throws IOException {
        Pattern inline = Pattern.compile("\\b(java|javax|io|org|com|jdk|sun)\\.[a-z0-9]+\\.[\\w.]*[A-Z]");
        List<String> found = new ArrayList<>();
        for (Path file : allSources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "");
                String t = code.strip();
                if (t.startsWith("import ") || t.startsWith("package ") || t.startsWith("*") || t.startsWith("/*")) {
                    continue;
                }
                if (inline.matcher(code).find()) {
                    found.add(REPO.relativize(file) + ":" + (i + 1) + ": " + t);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String m : MODULES) {
            try (Stream<Path> s = Files.walk(REPO.resolve(m).resolve("src/main/java"))) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
            }
        }
        return out;
    }

    private static List<Path> allSources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String m : List.of("drivers", "controller", "simulator", "provisioning", "tests")) {
            try (Stream<Path> s = Files.walk(REPO.resolve(m).resolve("src"))) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
            }
        }
        return out;
    }
}
