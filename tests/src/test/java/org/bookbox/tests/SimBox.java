package org.bookbox.tests;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.provisioning.TokenSigner;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.simulator.Simulator;

/** The README's simulated box, started in this JVM on a fresh data directory, and tokens for it. */
public final class SimBox {

    private SimBox() {
    }

    /** The shipped simulated configuration and profile, its local API on any free port. */
    public static Agent start(Path data) throws Exception {
        AgentConfig config = AgentConfigLoader.load(ChildJvm.repo().resolve("examples/sim/agent.yaml")).withDataDir(data).withApiPort(0);
        Agent agent = SimBox.agent(config, new SimulatedBoard());
        agent.start();
        return agent;
    }

    /** An agent on {@code board} with the simulator's controls on its local API, as {@code ./dev simulate} runs it. */
    public static Agent agent(AgentConfig config, SimulatedBoard board) throws Exception {
        Agent agent = new Agent(config, ProfileLoader.load(config.profile()), board, Clock.systemUTC(), () -> true);
        agent.serve(Simulator.controls(agent, board));
        return agent;
    }

    /** Signs with the demo key the simulated box trusts. */
    public static TokenSigner signer() throws Exception {
        return TokenSigner.fromJwk(ChildJvm.repo().resolve("examples/keys/demo-signer.jwk"));
    }

    /** A token valid for five minutes; {@code extra} adds claims (door, hold, max). */
    public static String token(String jti, String role, String act, JsonObject extra) throws Exception {
        long now = Instant.now().getEpochSecond();
        JsonObject c = new JsonObject().put("iss", "demo-consortium").put("sub", role + "-4711").put("jti", jti)
                .put("iat", now).put("exp", now + 300).put("role", role).put("act", new JsonArray().add(act));
        extra.forEach(e -> c.put(e.getKey(), e.getValue()));
        return signer().sign(c);
    }
}
