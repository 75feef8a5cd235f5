package org.bookbox.controller.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import org.bookbox.controller.screen.Language;
import org.bookbox.controller.screen.ReaderScreen;
import org.bookbox.controller.screen.ReaderScreens;

/**
 * The readers' screens: {@code /screen/{unit}} is the page a kiosk browser shows full screen,
 * {@code /screen/{unit}/live} its server-sent events (the whole view at each change),
 * {@code /screen/{unit}/view} the same view once, {@code POST /screen/{unit}/language} the reader's switch.
 * All of it runs on the box: a screen works with the broker down.
 */
public final class ScreenRoutes implements RouteSet {

    private final ReaderScreens screens;

    public ScreenRoutes(ReaderScreens screens) {
        this.screens = screens;
    }

    @Override
    public void addTo(Routes routes) {
        routes.add(HttpMethod.GET, "/screen/{unit}", c -> {
            screen(c);
            return Routes.Reply.ok(Pages.page("screen.html"));
        });
        routes.add(HttpMethod.GET, "/screen/{unit}/view", c -> Routes.Reply.ok(screen(c).view()));
        routes.stream("/screen/{unit}/live", (c, send) -> screen(c).watch(v -> send.accept(v.encode())));
        routes.add(HttpMethod.POST, "/screen/{unit}/language", c -> {
            ReaderScreen s = screen(c);
            JsonObject body = c.body().length() == 0 ? new JsonObject() : c.body().toJsonObject();
            Language l = Language.of(body.getString("lang", "")).orElseThrow(() -> HttpError.badRequest("'lang' must be one of "
                    + Arrays.stream(Language.values()).map(Language::tag).toList()));
            s.switchTo(l);
            return Routes.Reply.ok(new JsonObject().put("unit", s.unit()).put("lang", l.tag()));
        });
    }

    private ReaderScreen screen(Routes.Call c) throws HttpError {
        return screens.of(c.param("unit")).orElseThrow(() -> HttpError.notFound("no unit '" + c.param("unit") + "'"));
    }
}
