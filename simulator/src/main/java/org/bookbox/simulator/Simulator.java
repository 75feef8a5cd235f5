package org.bookbox.simulator;

import org.bookbox.controller.Agent;
import org.bookbox.controller.Simulation;
import org.bookbox.controller.api.RouteSet;

/** A simulated box: the simulated board, and the simulator's controls on the agent's local API. */
public final class Simulator implements Simulation {

    /** Made when the agent is about to be built: not before its configuration was found good. */
    private SimulatedBoard board;

    @Override
    public synchronized SimulatedBoard board() {
        if (board == null) {
            board = new SimulatedBoard();
        }
        return board;
    }

    @Override
    public void attach(Agent agent) {
        agent.serve(controls(agent, board()));
    }

    /** The {@code /sim} routes of an agent running on {@code board} (made when the agent's API starts). */
    public static RouteSet controls(Agent agent, SimulatedBoard board) {
        return routes -> new SimulatorRoutes(new SimulatorControls(agent, board)).addTo(routes);
    }
}
