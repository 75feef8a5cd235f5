package org.bookbox.controller.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.token.Token;
import org.bookbox.controller.token.TokenException;
import org.bookbox.controller.token.TokenVerifier;
import org.tinylog.Logger;

/**
 * The local API's sign-in for callers that are not on the box itself. A request from a loopback
 * address that names the box by a loopback name in {@code Host} is the box's own (or a technician's
 * SSH tunnel) and passes; one that names another host is a web page in the kiosk's browser that
 * rebound its DNS name to 127.0.0.1, and is treated as the stranger it is. From anywhere else, only
 * {@code GET /status} is open (what a monitoring system reads); everything else (every request that
 * changes state, the journal, the console, the simulator's controls) needs
 * {@code Authorization: Bearer <token>}: a token signed by a trusted key, as a scanned one is, with
 * role {@code technician} and act {@code service}. The token is a credential here, not a one-use code:
 * good for many requests until it expires or is revoked.
 */
public final class TechnicianGate {

    static final String SCHEME = "Bearer ";
    static final String BASIC = "Basic ";
    /** A token is a few hundred characters; a header far longer is not one. */
    static final int MAX_HEADER = 4096;

    private final TokenVerifier tokens;

    public TechnicianGate(TokenVerifier tokens) {
        this.tokens = tokens;
    }

    void check(RoutingContext ctx) {
        if (fromTheBox(ctx) || (ctx.request().method() == HttpMethod.GET && ctx.request().path().equals("/status"))) {
            ctx.next();
            return;
        }
        String what = ctx.request().method() + " " + ctx.request().path();
        String presented = presented(ctx.request().getHeader("Authorization"));
        if (presented == null) {
            refuse(ctx, 401, what + " from another machine needs a technician's token: Authorization: Bearer <token>"
                    + " (role technician, act service; bookbox-provision token makes one)");
            return;
        }
        Token token;
        try {
            token = tokens.verifyCredential(presented);
        } catch (TokenException e) {
            refuse(ctx, 403, "the token is refused (" + e.refusal().reason() + "): " + e.getMessage());
            return;
        } catch (JournalException e) {
            refuse(ctx, 503, "the token cannot be checked now (the box's token state cannot be read)");
            return;
        }
        if (!"technician".equals(token.role()) || !token.act().contains("service")) {
            refuse(ctx, 403, "the token is a " + token.role() + "'s for " + token.act() + "; " + what
                    + " from another machine needs a technician's token with act service");
            return;
        }
        Logger.info("{} by technician {} from {}", what, token.sub(), ctx.request().remoteAddress());
        ctx.next();
    }

    /**
     * The token a request presents: {@code Bearer <token>}, or {@code Basic} with the token as the
     * password (what a browser sends once the technician has pasted the token into its sign-in
     * prompt: the console's page and its live stream cannot set a header of their own). Null if none.
     */
    static String presented(String header) {
        if (header == null || header.length() > MAX_HEADER) {
            return null;
        }
        if (header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            String token = header.substring(SCHEME.length()).strip();
            return token.isEmpty() ? null : token;
        }
        if (header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                String token = colon < 0 ? "" : pair.substring(colon + 1).strip();
                return token.isEmpty() ? null : token;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean fromTheBox(RoutingContext ctx) {
        if (ctx.request().remoteAddress() == null || ctx.request().remoteAddress().hostAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(ctx.request().remoteAddress().hostAddress()).isLoopbackAddress()
                    && HostCheck.allowed(ctx.request().getHeader("host"));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext ctx, int status, String why) {
        if (status == 401) {
            // a browser asks for the token itself (Basic); a script reads that Bearer is what it may send
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"bookbox technician: paste your token as the password\", charset=\"UTF-8\"");
            ctx.response().headers().add("WWW-Authenticate", "Bearer realm=\"bookbox\"");
        }
        Routes.send(ctx, status, Routes.error(why));
    }
}
