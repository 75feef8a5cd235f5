package org.bookbox.controller.config;

import java.nio.file.Path;

/** One thing wrong in a file a technician wrote, with where it is. Line numbers start at 1; 0 means the whole file. */
public record ConfigProblem(Path file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
