package org.bookbox.provisioning;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One command's command line: the {@code --name value} options and {@code --flag}s it declares, nothing else. */
final class Options {

    /** The command line is not one the command takes: the message says what is wrong. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;
    private final Set<String> flags;

    private Options(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    static Options parse(String[] args, int from, Set<String> valueNames, Set<String> flagNames) throws Invalid {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") ? a.substring(2) : null;
            if (name != null && flagNames.contains(name)) {
                flags.add(name);
            } else if (name != null && valueNames.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new Invalid(a + " needs a value");
                }
                if (values.put(name, args[++i]) != null) {
                    throw new Invalid(a + " is given twice");
                }
            } else {
                throw new Invalid(name == null ? "'" + a + "' is not an option" : a + " is not an option of this command");
            }
        }
        return new Options(values, flags);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) throws Invalid {
        String v = values.get(name);
        if (v == null) {
            throw new Invalid("--" + name + " is needed");
        }
        return v;
    }

    Path path(String name, String fallback) {
        return Path.of(values.getOrDefault(name, fallback));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
