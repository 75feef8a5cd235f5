package org.bookbox.simulator;

import java.util.ArrayList;
import java.util.List;
import org.bookbox.controller.BookboxMain;

/**
 * {@code bookbox-simulator [--config FILE] [--api-port N]}: the agent on its simulated board, with
 * the simulator's controls under {@code /sim}. The same agent as on a board, put together by the
 * same composition root; only the board differs.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--simulate")) {
            all.add(0, "--simulate");
        }
        System.exit(BookboxMain.run(all.toArray(String[]::new), new Simulator()));
    }
}
