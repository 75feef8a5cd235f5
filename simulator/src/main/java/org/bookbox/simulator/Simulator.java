package org.bookbox.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Simulation;
import org.bookbox.controller.api.RouteSet;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.simulator.broker.LoopbackBroker;

/** A simulated box: the simulated board, and the simulator's controls on the agent's local API. */
public final class Simulator implements Simulation {

    /** Made when the agent is about to be built: not before its configuration was found good. */
    private SimulatedBoard board;
    private LoopbackBroker broker;

    /**
     * A simulated box whose configured broker is on loopback and not there gets the simulator's own
     * broker on that port, so that the box has a broker to talk to and a backend team something to
     * subscribe to. A broker of the machine's own (Mosquitto) is used as it is.
     */
    @Override
    public void prepare(AgentConfig config) {
        URI url = config.brokerUrl();
        boolean loopback = "tcp".equals(url.getScheme()) && ("127.0.0.1".equals(url.getHost()) || "localhost".equals(url.getHost()));
        int port = url.getPort() < 0 ? 1883 : url.getPort();
        if (!config.uplink().enabled() || !loopback || listening(port)) {
            return;
        }
        try {
            broker = LoopbackBroker.start(port);
            System.out.println("bookbox-simulator: no broker on 127.0.0.1:" + port + "; started the simulator's loopback broker there");
        } catch (Exception e) {
            System.out.println("bookbox-simulator: no broker on 127.0.0.1:" + port + ", and the simulator's could not start: " + e.getMessage());
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }

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
