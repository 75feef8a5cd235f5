package org.bookbox.controller.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of a YAML file, read key by key. Every read that fails records a problem at the
 * value's line and returns empty, so one pass finds every mistake in a file; {@link #finish()}
 * then throws them all. Keys nobody asked for are typos and are reported too.
 */
public final class Section {

    private final YamlDocument doc;
    private final MappingNode node;
    private final String where;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> asked = new HashSet<>();

    Section(YamlDocument doc, MappingNode node, String where) {
        this.doc = doc;
        this.node = node;
        this.where = where;
        doc.opened(this);
        Map<String, Node> firstSeen = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                doc.problem(tuple.getKeyNode(), prefix() + "a key must be plain text");
                continue;
            }
            Node earlier = firstSeen.putIfAbsent(key.getValue(), key);
            if (earlier != null) {
                doc.problem(key, prefix() + "'" + key.getValue() + "' is given twice (first on line " + YamlDocument.line(earlier) + ")");
                continue;
            }
            entries.put(key.getValue(), tuple);
        }
    }

    public Path file() {
        return doc.file();
    }

    public int line() {
        return YamlDocument.line(node);
    }

    /** Records a problem at this mapping's line. */
    public void problem(String message) {
        doc.problem(node, prefix() + message);
    }

    /** Records a problem at the line of one key's value (or of this mapping, if the key is absent). */
    public void problem(String key, String message) {
        NodeTuple t = entries.get(key);
        doc.problem(t == null ? node : t.getValueNode(), prefix() + message);
    }

    /** The keys of this mapping, for mappings whose keys are names (buses). */
    public List<String> keys() {
        entries.keySet().forEach(asked::add);
        return List.copyOf(entries.keySet());
    }

    public boolean has(String key) {
        asked.add(key);
        return entries.containsKey(key);
    }

    public Optional<String> optText(String key) {
        asked.add(key);
        NodeTuple t = entries.get(key);
        if (t == null) {
            return Optional.empty();
        }
        if (t.getValueNode() instanceof ScalarNode scalar && !scalar.getValue().isEmpty()) {
            return Optional.of(scalar.getValue());
        }
        doc.problem(t.getValueNode(), prefix() + "'" + key + "' must be a single value");
        return Optional.empty();
    }

    public Optional<String> text(String key) {
        Optional<String> value = optText(key);
        if (value.isEmpty() && !entries.containsKey(key)) {
            problem("'" + key + "' is missing");
        }
        return value;
    }

    /** A value that must match a pattern; {@code rule} says in words what it must be. */
    public Optional<String> text(String key, String regex, String rule) {
        return text(key).filter(v -> matches(key, v, regex, rule));
    }

    public Optional<String> optText(String key, String regex, String rule) {
        return optText(key).filter(v -> matches(key, v, regex, rule));
    }

    private boolean matches(String key, String value, String regex, String rule) {
        if (value.matches(regex)) {
            return true;
        }
        problem(key, "'" + key + "' is '" + value + "': " + rule);
        return false;
    }

    /** An integer in [min, max], decimal or 0x hex; {@code fallback} when absent (null = required). */
    public Optional<Long> integer(String key, long min, long max, Long fallback) {
        Optional<String> raw = fallback == null ? text(key) : optText(key);
        if (raw.isEmpty()) {
            return entries.containsKey(key) ? Optional.empty() : Optional.ofNullable(fallback);
        }
        String v = raw.get().replace("_", "");
        long value;
        try {
            value = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            problem(key, "'" + key + "' is '" + raw.get() + "': not a whole number");
            return Optional.empty();
        }
        if (value < min || value > max) {
            problem(key, "'" + key + "' is " + raw.get() + ": must be between " + min + " and " + max);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public Optional<Boolean> bool(String key, boolean fallback) {
        Optional<String> raw = optText(key);
        if (raw.isEmpty()) {
            return entries.containsKey(key) ? Optional.empty() : Optional.of(fallback);
        }
        return switch (raw.get()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                problem(key, "'" + key + "' is '" + raw.get() + "': write true or false");
                yield Optional.empty();
            }
        };
    }

    /** A path; a relative one is taken from the directory of this file. */
    public Optional<Path> path(String key, boolean required) {
        Optional<String> raw = required ? text(key) : optText(key);
        return raw.map(v -> file().toAbsolutePath().getParent().resolve(v).normalize());
    }

    /** A nested mapping. */
    public Optional<Section> section(String key, boolean required) {
        asked.add(key);
        NodeTuple t = entries.get(key);
        if (t == null) {
            if (required) {
                problem("'" + key + "' is missing");
            }
            return Optional.empty();
        }
        if (t.getValueNode() instanceof MappingNode m) {
            return Optional.of(new Section(doc, m, where + key + ": "));
        }
        doc.problem(t.getValueNode(), prefix() + "'" + key + "' must be a mapping of keys to values");
        return Optional.empty();
    }

    /**
     * A part written either as its address alone ({@code lock: gpio:17}) or as a mapping with an
     * {@code address} and settings ({@code lock: {address: gpio:17, pulse_ms: 600}}).
     */
    public Optional<Section> part(String key, boolean required) {
        asked.add(key);
        NodeTuple t = entries.get(key);
        if (t != null && t.getValueNode() instanceof ScalarNode scalar) {
            MappingNode synthetic = new MappingNode(Tag.MAP, true,
                    List.of(new NodeTuple(new ScalarNode(Tag.STR, true, "address",
                            ScalarStyle.PLAIN, scalar.getStartMark(), scalar.getEndMark()), scalar)),
                    FlowStyle.FLOW, scalar.getStartMark(), scalar.getEndMark());
            return Optional.of(new Section(doc, synthetic, where + key + ": "));
        }
        return section(key, required);
    }

    /** A list of mappings; {@code name} labels each entry in messages. */
    public List<Section> list(String key, boolean required, Function<Section, String> name) {
        List<Section> out = new ArrayList<>();
        for (Node item : sequence(key, required)) {
            if (item instanceof MappingNode m) {
                Section s = new Section(doc, m, where + key + "[" + (out.size() + 1) + "]: ");
                out.add(s);
            } else {
                doc.problem(item, prefix() + "each entry of '" + key + "' must be a mapping of keys to values");
            }
        }
        return out;
    }

    /** A list of plain values (or a single value, taken as a list of one). */
    public List<String> texts(String key, boolean required) {
        asked.add(key);
        NodeTuple t = entries.get(key);
        if (t != null && t.getValueNode() instanceof ScalarNode scalar) {
            return List.of(scalar.getValue());
        }
        List<String> out = new ArrayList<>();
        for (Node item : sequence(key, required)) {
            if (item instanceof ScalarNode s && !s.getValue().isEmpty()) {
                out.add(s.getValue());
            } else {
                doc.problem(item, prefix() + "each entry of '" + key + "' must be a single value");
            }
        }
        return out;
    }

    /** Key/value pairs of a mapping whose keys are data (e.g. owner ISIL to bin). */
    public Map<String, String> pairs(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        section(key, false).ifPresent(s -> {
            for (String k : s.entries.keySet()) {
                s.optText(k).ifPresent(v -> out.put(k, v));
            }
        });
        return out;
    }

    private List<Node> sequence(String key, boolean required) {
        asked.add(key);
        NodeTuple t = entries.get(key);
        if (t == null) {
            if (required) {
                problem("'" + key + "' is missing");
            }
            return List.of();
        }
        if (t.getValueNode() instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty() && required) {
                doc.problem(seq, prefix() + "'" + key + "' is empty");
            }
            return seq.getValue();
        }
        doc.problem(t.getValueNode(), prefix() + "'" + key + "' must be a list");
        return List.of();
    }

    /** Reports keys that were never asked for, then throws every problem of the file, if any. */
    public void finish() throws InvalidConfigException {
        doc.finish();
    }

    /** Reports keys of this mapping that were never asked for: a misspelt key is never silently ignored. */
    void reportUnknown() {
        for (var e : entries.entrySet()) {
            if (!asked.contains(e.getKey())) {
                doc.problem(e.getValue().getKeyNode(), prefix() + "unknown key '" + e.getKey() + "'");
            }
        }
    }

    private String prefix() {
        return where;
    }
}
