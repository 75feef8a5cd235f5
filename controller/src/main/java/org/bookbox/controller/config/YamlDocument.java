package org.bookbox.controller.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML file read as a tree of nodes that remember their lines, so that every complaint about a
 * value can say where it stands. Values are read as text and typed by {@link Section}: YAML's own
 * typing ({@code no} as false, {@code 010} as octal) is not a technician's.
 */
public final class YamlDocument {

    private static final long MAX_BYTES = 1 << 20;
    /** Far deeper than any profile or configuration; what reads the tree recurses once per level. */
    static final int MAX_DEPTH = 32;

    private final Path file;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    private YamlDocument(Path file) {
        this.file = file;
    }

    /** Reads the file; a missing, unreadable or unparsable file is one problem with its line. */
    public static Section read(Path file, String what) throws InvalidConfigException {
        YamlDocument doc = new YamlDocument(file);
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw InvalidConfigException.of(file, 0, what + " is a directory, not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw InvalidConfigException.of(file, 0, what + " is larger than 1 MiB: not a " + what);
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw InvalidConfigException.of(file, 0, what + " not found");
        } catch (CharacterCodingException e) {
            throw InvalidConfigException.of(file, 0, what + " is not UTF-8 text");
        } catch (IOException e) {
            throw InvalidConfigException.of(file, 0, "cannot read " + what + ": " + e.getMessage());
        }
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(file.toString())
                    .setAllowDuplicateKeys(true) // reported by Section, with both lines
                    .setMaxAliasesForCollections(0)
                    .build();
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            // The parser notices a mistake where the next token starts; its context says where the entry began.
            String context = e.getContext() == null ? "" : e.getContextMark()
                    .filter(m -> m.getLine() + 1 != line)
                    .map(m -> " (" + e.getContext() + " on line " + (m.getLine() + 1) + ")").orElse("");
            throw InvalidConfigException.of(file, line, what + " is not valid YAML: " + e.getProblem() + context);
        } catch (YamlEngineException e) {
            throw InvalidConfigException.of(file, 0, what + " is not valid YAML: " + e.getMessage());
        } catch (StackOverflowError e) {
            // the composer recurses once per level: thousands of levels are an attack or a broken tool, not a profile
            throw InvalidConfigException.of(file, 0, what + " is nested too deeply to be a " + what);
        }
        if (root.isPresent() && depth(root.get()) > MAX_DEPTH) {
            throw InvalidConfigException.of(file, 0, what + " is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (root.isEmpty()) {
            throw InvalidConfigException.of(file, 0, what + " is empty");
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            throw InvalidConfigException.of(file, line(root.get()), what + " must be a mapping of keys to values");
        }
        return new Section(doc, mapping, "");
    }

    /** How deep a node tree goes, counted without recursion (the tree is from outside). */
    static int depth(Node root) {
        int max = 0;
        Deque<Map.Entry<Node, Integer>> todo = new ArrayDeque<>();
        todo.push(Map.entry(root, 1));
        while (!todo.isEmpty()) {
            Map.Entry<Node, Integer> e = todo.pop();
            int d = e.getValue();
            max = Math.max(max, d);
            if (d > MAX_DEPTH) {
                return d;
            }
            if (e.getKey() instanceof MappingNode m) {
                m.getValue().forEach(t -> {
                    todo.push(Map.entry(t.getKeyNode(), d + 1));
                    todo.push(Map.entry(t.getValueNode(), d + 1));
                });
            } else if (e.getKey() instanceof SequenceNode q) {
                q.getValue().forEach(n -> todo.push(Map.entry(n, d + 1)));
            }
        }
        return max;
    }

    Path file() {
        return file;
    }

    void problem(Node at, String message) {
        problems.add(new ConfigProblem(file, at == null ? 0 : line(at), message));
    }

    void opened(Section section) {
        sections.add(section);
    }

    /** Every key nobody asked for is a problem; then all problems, in line order, or nothing. */
    void finish() throws InvalidConfigException {
        sections.forEach(Section::reportUnknown);
        sections.clear();
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(ConfigProblem::line));
            throw new InvalidConfigException(problems);
        }
    }

    static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }
}
