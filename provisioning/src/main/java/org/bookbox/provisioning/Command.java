package org.bookbox.provisioning;

import java.util.Set;

/**
 * One of the tool's commands: its name, the line the usage shows, the text {@code --help} prints,
 * the options it takes, and what it does.
 */
record Command(String name, String synopsis, String help, Set<String> values, Set<String> flags, Action action) {

    /** What a command does with its options; returns the exit code. */
    interface Action {
        Exit run(Options options, Console console) throws Options.Invalid;
    }
}
