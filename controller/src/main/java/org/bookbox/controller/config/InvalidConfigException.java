package org.bookbox.controller.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A file that the agent refuses to start with; every problem found is listed, one per line. */
public final class InvalidConfigException extends Exception {

    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public static InvalidConfigException of(Path file, int line, String message) {
        return new InvalidConfigException(List.of(new ConfigProblem(file, line, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
