package org.bookbox.provisioning;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.bookbox.controller.config.AgentConfig;

/** Asks the running agent through its local API, where its configuration says it listens. */
final class AgentAsk {

    /** The agent did not answer, or answered what is not its document: the message says which. */
    static final class NoAnswer extends Exception {
        NoAnswer(String message) {
            super(message);
        }
    }

    private static final String NOT_ANSWERING = "the agent does not answer at ";

    private AgentAsk() {
    }

    static JsonObject get(AgentConfig config, String path, Duration timeout) throws NoAnswer {
        return get(config.apiHost(), config.apiPort(), path, timeout);
    }

    /** Whether an agent answers where this configuration says it listens (files it uses are then not the tool's to change). */
    static boolean running(InstalledConfig config) {
        try {
            get(config.apiHost(), config.apiPort(), "/status", Duration.ofSeconds(2));
            return true;
        } catch (NoAnswer e) {
            return !e.getMessage().startsWith(NOT_ANSWERING);
        }
    }

    static JsonObject get(String apiHost, int apiPort, String path, Duration timeout) throws NoAnswer {
        String host = apiHost.equals("0.0.0.0") || apiHost.equals("::") ? "127.0.0.1" : apiHost;
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + apiPort + path);
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new NoAnswer("the agent answered " + r.statusCode() + " at " + uri + ": " + r.body().strip());
            }
            return new JsonObject(r.body());
        } catch (IOException e) {
            throw new NoAnswer(NOT_ANSWERING + uri + " (is it running? systemctl status bookbox): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted");
        } catch (DecodeException e) {
            throw new NoAnswer("the agent's answer at " + uri + " is not JSON");
        }
    }
}
