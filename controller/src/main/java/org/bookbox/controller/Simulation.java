package org.bookbox.controller;

import org.bookbox.controller.config.AgentConfig;
import org.bookbox.drivers.board.Board;

/**
 * A simulated box, when the agent is put together with one (the simulator's own entry point does;
 * the production agent has none): the board it runs on, and what it adds to an agent (its controls
 * on the local API).
 */
public interface Simulation {

    /** Called once the configuration is read, before the board and the agent are made (the simulator may start a broker). */
    default void prepare(AgentConfig config) {
    }

    Board board();

    /** Called once the agent exists, before it starts. */
    void attach(Agent agent);

    /** Called after the agent stopped. */
    default void close() {
    }
}
