package org.bookbox.controller;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.uplink.Uplink;

/**
 * The agent's liveness probe for systemd's watchdog: every unit's event loop runs a task, the journal
 * writer takes a piece of work, and the uplink answers, each within the wait. What did not, by name.
 */
final class Liveness {

    private Liveness() {
    }

    static Optional<String> stuck(Map<String, Context> unitLoops, EventRecorder recorder, Uplink uplink, Duration wait) {
        Map<String, CompletableFuture<?>> asked = new LinkedHashMap<>();
        unitLoops.forEach((unit, context) -> {
            CompletableFuture<Void> ran = new CompletableFuture<>();
            context.runOnContext(v -> ran.complete(null));
            asked.put("the event loop of unit " + unit, ran);
        });
        asked.put("the journal writer", recorder.call(j -> Boolean.TRUE));
        List<String> stuck = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        asked.forEach((part, answer) -> {
            try {
                answer.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                stuck.add(part);
            }
        });
        if (uplink != null) {
            uplink.stuck(wait).ifPresent(stuck::add);
        }
        return stuck.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", stuck) + " did not answer within " + wait.toMillis() + " ms");
    }
}
