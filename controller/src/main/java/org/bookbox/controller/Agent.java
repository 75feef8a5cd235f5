package org.bookbox.controller;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bookbox.controller.api.LocalApi;
import org.bookbox.controller.api.RouteSet;
import org.bookbox.controller.api.ScreenRoutes;
import org.bookbox.controller.api.TechnicianGate;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.lifecycle.VertxTimers;
import org.bookbox.controller.metrics.BoxMetrics;
import org.bookbox.controller.port.BoxPort;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.screen.ReaderScreens;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.store.Storage;
import org.bookbox.controller.token.TokenVerifier;
import org.bookbox.controller.trust.TrustedKeys;
import org.bookbox.controller.unit.Unit;
import org.bookbox.controller.unit.UnitEnv;
import org.bookbox.controller.uplink.Uplink;
import org.bookbox.controller.uplink.UplinkState;
import org.bookbox.drivers.board.Board;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.part.PartUnavailableException;
import org.bookbox.drivers.part.Threads;
import org.tinylog.Logger;

/**
 * One box's agent: its units, journal and local API. Holds no global state, so that a fleet test can
 * run many in one JVM.
 *
 * <p>Safety first on every path: {@link #start()} releases every lock before it does anything else,
 * and {@link #stop()}, a failed start and an uncaught exception on the agent's loops all end with
 * every lock released.
 */
public final class Agent {

    public static final String VERSION = versionOf();

    private final AgentConfig config;
    private final HardwareProfile profile;
    private final Board board;
    private final Clock clock;
    private final BooleanSupplier clockSynced;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Threads threads;
    private final ScheduledExecutorService sharedScheduler; // the fleet's, for the MQTT client; null: the client's own threads
    private Uplink uplink;
    private final List<Lock> rawLocks = new ArrayList<>();
    private final List<Unit> units = new ArrayList<>();
    private final Map<String, Context> unitContexts = new HashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Consumer<Throwable> onFatal = t -> { };
    private AgentStores stores;
    private final Storage storage = new Storage();
    private final List<RouteSet> routeSets = new ArrayList<>();
    private final AgentPort port = new AgentPort(this);
    private final BoxMetrics metrics = new BoxMetrics();
    private LocalApi api;
    private Instant since;

    public Agent(AgentConfig config, HardwareProfile profile, Board board, Clock clock, BooleanSupplier clockSynced) {
        this(config, profile, board, clock, clockSynced, null);
    }

    /**
     * @param fleet what this agent shares with the other agents of a fleet in one JVM (event loops, scheduler,
     *              threads), or null for an agent that owns its own; a fleet is not closed by its agents
     */
    public Agent(AgentConfig config, HardwareProfile profile, Board board, Clock clock, BooleanSupplier clockSynced, Fleet fleet) {
        this.config = config;
        this.profile = profile;
        this.board = board;
        this.clock = clock;
        this.clockSynced = clockSynced;
        this.ownsVertx = fleet == null;
        this.vertx = ownsVertx ? Vertx.vertx(BoxThreads.options(profile.units().size())) : fleet.vertx();
        this.threads = fleet == null ? Threads.PLATFORM : fleet.threads();
        this.sharedScheduler = fleet == null ? null : fleet.scheduler();
        if (ownsVertx) {
            vertx.exceptionHandler(this::fail);
        }
    }

    /** More routes for the local API (the simulator's controls); before {@link #start()}. */
    public void serve(RouteSet routes) {
        routeSets.add(routes);
    }

    /** Called after the agent has made itself safe following an uncaught exception. */
    public void onFatal(Consumer<Throwable> handler) {
        this.onFatal = handler;
    }

    public void start() throws AgentStartException {
        try {
            board.declare(profile.lockBoardBuses());
            UnitFactory factory = new UnitFactory(board, new VertxTimers(vertx));
            rawLocks.addAll(factory.releaseAllLocks(profile.units()));
            since = clock.instant();
            stores = AgentStores.open(config, clock, clockSynced, storage, threads);
            stores.recorder.measure(metrics);
            TrustedKeys keys = TrustedKeys.load(config.trustedKeys());
            TokenVerifier tokens = new TokenVerifier(keys, stores.tokens, clock, clockSynced,
                    config.consortiumId(), config.deviceId(), config.libraryIsil());
            ReaderScreens screens = new ReaderScreens(profile, board, storage, task -> vertx.executeBlocking(() -> {
                task.run();
                return null;
            }, false), new VertxTimers(vertx), clock);
            for (UnitSpec spec : profile.units()) {
                // each unit on a context of its own, whose failures are that unit's alone
                Context context = UnitLoops.next(vertx);
                Unit unit = factory.build(spec, new UnitEnv(context, stores.recorder, new VertxTimers(vertx), clock, tokens,
                        config.libraryIsil(), config.location(), storage, metrics, screens.of(spec.name()).orElseThrow(), threads));
                context.exceptionHandler(t -> unitFailed(unit, t));
                unitContexts.put(unit.name(), context);
                units.add(unit);
            }
            stores.recordNow(new BoxEvent.Lifecycle(BoxEvent.Phase.BOOT, VERSION,
                    board.description() + "; " + units.size() + " unit(s) from " + profile.file()));
            for (BoxEvent.Alarm alarm : stores.alarmsAtStart) {
                stores.recordNow(alarm);
            }
            api = new LocalApi(vertx, port, config.apiHost(), new TechnicianGate(tokens),
                    Stream.concat(Stream.of(new ScreenRoutes(screens)), routeSets.stream()).toList());
            api.listen(config.apiHost(), config.apiPort());
            for (Unit unit : units) {
                unit.start();
            }
            if (config.uplink().enabled()) {
                uplink = new Uplink(config, stores.journal, stores.tokens, keys, port, stores.recorder::record, clock, new SecureRandom(),
                        threads, Optional.ofNullable(sharedScheduler));
                stores.recorder.onRecorded(uplink::wake);
                uplink.measure(metrics);
                uplink.start();
            }
            MetricGauges.register(metrics, this, board);
            Logger.info("bookbox {} up: device {}, {} unit(s), local API on {}:{}", VERSION, config.deviceId(), units.size(), config.apiHost(), api.port());
        } catch (PartUnavailableException | JournalException | InvalidConfigException | AgentStartException | RuntimeException e) {
            abort();
            throw StartFailure.of(e);
        }
    }

    /** A clean stop: locks released, {@code shutdown} recorded as the last event, everything closed. Idempotent. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        releaseAll();
        units.forEach(u -> {
            try {
                u.stop();
            } catch (RuntimeException e) {
                Logger.error(e, "unit {} did not stop cleanly", u.name());
            }
        });
        // the loops go quiet first, so that nothing is recorded after the shutdown event
        closeLoops();
        if (stores != null) {
            try {
                stores.recordNow(new BoxEvent.Lifecycle(BoxEvent.Phase.SHUTDOWN, VERSION, "clean stop"));
            } catch (JournalException e) {
                Logger.error("shutdown not recorded: {}", e.getMessage());
            }
        }
        closeStores();
    }

    /**
     * An uncaught exception on a unit's loop: that unit makes itself safe and starts over. Only when
     * even that fails is nothing trusted any more, and the agent stops.
     */
    private void unitFailed(Unit unit, Throwable t) {
        Logger.error(t, "unit {} failed; locking its doors and restarting it", unit.name());
        LockRelease.all(unit.locks(), unit.name());
        try {
            unit.recover(t);
        } catch (RuntimeException e) {
            e.addSuppressed(t);
            fail(e);
        }
    }

    /** What of the agent does not answer within {@code wait} (a unit's loop, the journal writer, the uplink), if anything. */
    public Optional<String> stuck(Duration wait) {
        return Liveness.stuck(unitContexts, stores.recorder, uplink, wait);
    }

    /** Runs a task on a unit's event loop (the simulator's fault controls); false when there is no such unit. */
    public boolean onUnitLoop(String unit, Runnable task) {
        Context context = unitContexts.get(unit);
        if (context == null) {
            return false;
        }
        context.runOnContext(v -> task.run());
        return true;
    }

    /** An uncaught exception: nothing is trusted any more, so every lock is released and the agent stops. */
    private void fail(Throwable t) {
        Logger.error(t, "uncaught exception; releasing every lock and stopping");
        releaseAll();
        if (stopped.compareAndSet(false, true)) {
            // not on this event loop: closing Vert.x waits for its loops to finish
            Thread closer = new Thread(this::closeAll, "bookbox-failsafe");
            closer.start();
        }
        onFatal.accept(t);
    }

    private void abort() {
        releaseAll();
        stopped.set(true);
        closeAll();
    }

    /** Releases every lock output, through the raw outputs so that no wrapper's state can stand in the way. */
    private void releaseAll() {
        LockRelease.all(rawLocks, "the box");
    }

    private void closeAll() {
        closeLoops();
        closeStores();
    }

    private void closeLoops() {
        if (api != null) {
            api.close();
        }
        if (!ownsVertx) {
            return;
        }
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("event loops did not close: {}", e.getMessage());
        }
    }

    private void closeStores() {
        if (uplink != null) {
            uplink.close();
        }
        if (stores != null) {
            stores.close();
        }
        board.close();
    }

    /** The contract's status document. */
    public JsonObject status() {
        return stores.status(units, VERSION, since, clock.instant(), clockSynced.getAsBoolean(),
                (uplink == null ? UplinkState.disabled() : uplink.state()).json());
    }

    /** This box's counts and timings ({@code GET /metrics}). */
    public BoxMetrics metrics() {
        return metrics;
    }

    /** What the outside may ask of this box, as the local API and the uplink ask it (the technician's bench self-test). */
    public BoxPort port() {
        return port;
    }

    public AgentConfig config() {
        return config;
    }

    public HardwareProfile profile() {
        return profile;
    }

    public List<Unit> units() {
        return List.copyOf(units);
    }

    /** The unit of that name: the one place units are looked up by name. */
    public Optional<Unit> unit(String name) {
        return units.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public Journal journal() {
        return stores == null ? null : stores.journal;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The uplink, when the configuration enables it. */
    public Optional<Uplink> uplink() {
        return Optional.ofNullable(uplink);
    }

    /** The local API's port (useful when the configuration asks for port 0). */
    public int apiPort() {
        return api == null ? -1 : api.port();
    }

    private static String versionOf() {
        String v = Agent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
