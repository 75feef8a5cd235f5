package org.bookbox.controller;

import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.lifecycle.ExitCode;
import org.bookbox.controller.store.JournalException;
import org.bookbox.drivers.part.PartUnavailableException;

/** Why the agent could not start, as the exit code systemd and the technician see. */
final class StartFailure {

    private StartFailure() {
    }

    static AgentStartException of(Exception e) {
        return switch (e) {
            case AgentStartException a -> a;
            case PartUnavailableException p -> new AgentStartException(ExitCode.UNAVAILABLE, p.getMessage(), p);
            case JournalException j -> new AgentStartException(ExitCode.IO_ERROR, j.getMessage(), j);
            case InvalidConfigException c -> new AgentStartException(ExitCode.CONFIG, c.getMessage(), c);
            default -> new AgentStartException(ExitCode.SOFTWARE, "start failed: " + e, e);
        };
    }
}
