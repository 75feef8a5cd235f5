package org.bookbox.controller;

import org.bookbox.drivers.board.Board;

/**
 * A simulated box, when the agent is put together with one (the simulator's own entry point does;
 * the production agent has none): the board it runs on, and what it adds to an agent (its controls
 * on the local API).
 */
public interface Simulation {

    Board board();

    /** Called once the agent exists, before it starts. */
    void attach(Agent agent);
}
