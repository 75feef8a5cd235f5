package org.bookbox.controller.screen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.drivers.time.Timers;

/**
 * One unit's screen (and its voice): what the reader is told now, in the language of the screen.
 * The unit tells it what happened ({@link #show}, {@link #raise}, {@link #clear}); the screen keeps
 * what it shows at rest (the most serious condition, else what to do), brings an answer back to rest
 * after {@link #HOLD}, speaks each new message once, and sends the rendered view to every page
 * watching ({@link #watch}). Called from the unit's loop, the housekeeping thread and HTTP requests:
 * every entry point holds the screen's lock, and nothing under it blocks.
 */
public final class ReaderScreen {

    /** How long an answer (a refusal, a result, a book counted) stays before the screen is at rest again. */
    public static final Duration HOLD = Duration.ofSeconds(10);
    /** A language the reader chose stays this long after the last thing that happened. */
    public static final Duration LANGUAGE_KEPT = Duration.ofSeconds(60);

    private final String unit;
    private final String kind;
    private final Phrases phrases;
    private final Language home;
    private final Voice voice;
    private final Timers timers;
    private final Clock clock;
    private final List<Notice> conditions = new ArrayList<>();
    private final List<Consumer<JsonObject>> watchers = new CopyOnWriteArrayList<>();
    private Language language;
    private Notice shown;
    private Timers.Pending hold;
    private Timers.Pending languageBack;
    private long changes;

    public ReaderScreen(String unit, String kind, Phrases phrases, Language home, Voice voice, Timers timers, Clock clock) {
        this.unit = unit;
        this.kind = kind;
        this.phrases = phrases;
        this.home = home;
        this.language = home;
        this.voice = voice;
        this.timers = timers;
        this.clock = clock;
        this.shown = atRest();
    }

    public String unit() {
        return unit;
    }

    /** An answer or a step of a session; a condition is {@link #raise raised} instead. */
    public synchronized void show(Notice n) {
        if (n.condition()) {
            raise(n);
            return;
        }
        cancelHold();
        if (!n.session()) {
            hold = timers.after(HOLD, this::rest);
        }
        change(n, true);
    }

    /** A book through the chute: the stack's count goes up while the last one is still shown. */
    public synchronized void returned(boolean unread) {
        int count = shown instanceof Notice.Returned r ? r.count() + 1 : 1;
        cancelHold();
        hold = timers.after(HOLD, this::rest);
        // said for the first book of a stack and for each one not read, not ten times for a stack of ten
        change(new Notice.Returned(count, unread), count == 1 || unread);
    }

    /** A condition that lasts (bin full, a door left open): shown now unless a reader is mid-session at another door. */
    public synchronized void raise(Notice c) {
        boolean had = conditions.removeIf(n -> same(n, c));
        conditions.add(c);
        boolean interrupts = !shown.session() || c instanceof Notice.LeftOpen || c instanceof Notice.OutOfService;
        if (interrupts && (!had || shown.equals(c))) {
            // raised again while shown (a scan at a box out of service): said again, for whoever just tried
            cancelHold();
            change(atRest(), true);
        } else {
            publish();
        }
    }

    /** A condition cleared; a screen showing it goes to rest. */
    public synchronized void clear(Class<? extends Notice> kind, String door) {
        boolean removed = conditions.removeIf(n -> n.getClass() == kind && (door == null || door.equals(n.door())));
        if (removed && (shown.condition() || shown instanceof Notice.Ready)) {
            change(atRest(), false);
        }
    }

    /**
     * A unit's alarm, as far as a reader at the box is concerned: a door left open, a lock-out, a full
     * bin are conditions on the screen; the rest is for staff (a lock fault reaches the reader as the
     * end of their session).
     */
    public void alarm(AlarmKind kind, String door, boolean active) {
        Notice n = switch (kind) {
            case DOOR_LEFT_OPEN -> new Notice.LeftOpen(door);
            case SCANNER_LOCKOUT -> new Notice.LockedOut();
            case BIN_FULL -> new Notice.BinFull();
            default -> null;
        };
        if (n != null && active) {
            raise(n);
        } else if (n != null) {
            clear(n.getClass(), door);
        }
    }

    /** The reader's choice of language, kept for {@link #LANGUAGE_KEPT} after the last thing that happened. */
    public synchronized void switchTo(Language l) {
        language = l;
        keepLanguage();
        publish();
    }

    /** Pages watching get the view at once and at every change; the returned action stops watching. */
    public Runnable watch(Consumer<JsonObject> page) {
        watchers.add(page);
        page.accept(view());
        return () -> watchers.remove(page);
    }

    /** What a page shows, in the screen's language: the sentence, the door, the countdown, the books. */
    public synchronized JsonObject view() {
        Notice n = shown;
        JsonObject labels = new JsonObject();
        for (Label l : Label.values()) {
            labels.put(l.key().substring("label.".length()), phrases.label(l, language));
        }
        JsonArray languages = new JsonArray();
        for (Language l : Language.values()) {
            languages.add(new JsonObject().put("tag", l.tag()).put("name", l.ownName()));
        }
        JsonObject v = new JsonObject().put("unit", unit).put("kind", kind).put("lang", language.tag()).put("languages", languages)
                .put("change", changes).put("tone", n.tone().name().toLowerCase()).put("phrase", n.phrase().key())
                .put("text", phrases.text(n.phrase(), language)).put("door", n.door()).put("labels", labels);
        switch (n) {
            case Notice.Unlocked u -> v.put("countdown", Math.max(0, Duration.between(clock.instant(), u.until()).toSeconds()));
            case Notice.Result r -> v.put("taken", new JsonArray(r.taken())).put("left", new JsonArray(r.left()));
            case Notice.Returned r -> v.put("count", r.count());
            default -> { }
        }
        return v;
    }

    private void change(Notice n, boolean speak) {
        shown = n;
        changes++;
        if (!(n instanceof Notice.Ready)) {
            keepLanguage();
        }
        if (speak && !(n instanceof Notice.Ready)) {
            voice.say(n.phrase(), language);
        }
        publish();
    }

    private synchronized void rest() {
        hold = null;
        change(atRest(), false);
    }

    /** The most serious condition, else what to do. */
    private Notice atRest() {
        return conditions.stream().min(Comparator.comparingInt(ReaderScreen::rank)).orElse(new Notice.Ready("dropbox".equals(kind)));
    }

    private static int rank(Notice c) {
        return switch (c) {
            case Notice.OutOfService o -> 0;
            case Notice.StorageFull s -> 1;
            case Notice.BinFull b -> 2;
            case Notice.LockedOut l -> 3;
            default -> 4;
        };
    }

    private static boolean same(Notice a, Notice b) {
        return a.getClass() == b.getClass() && (a.door() == null ? b.door() == null : a.door().equals(b.door()));
    }

    private void keepLanguage() {
        if (languageBack != null) {
            languageBack.cancel();
        }
        languageBack = language == home ? null : timers.after(LANGUAGE_KEPT, this::backHome);
    }

    private synchronized void backHome() {
        languageBack = null;
        if (shown.session()) {
            keepLanguage(); // not in the middle of someone's session
        } else if (language != home) {
            language = home;
            publish();
        }
    }

    private void cancelHold() {
        if (hold != null) {
            hold.cancel();
            hold = null;
        }
    }

    private void publish() {
        JsonObject v = view();
        watchers.forEach(w -> w.accept(v));
    }
}
