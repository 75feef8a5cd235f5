package org.bookbox.controller.lifecycle;

/** Why the agent will not start, in one line, with the exit code that says what kind of failure it is. */
public final class AgentStartException extends Exception {

    private final ExitCode exitCode;

    public AgentStartException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public AgentStartException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
