package org.bookbox.controller.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.Refusal;
import org.bookbox.drivers.time.ManualTimers;
import org.bookbox.simulator.speaker.SimulatedSpeaker;
import org.junit.jupiter.api.Test;

/** What a reader sees and hears at one unit, message by message, with time moved by hand. */
class ReaderScreenTest {

    final ManualTimers timers = new ManualTimers();
    final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    final Clock clock = Clock.fixed(t0, ZoneOffset.UTC);
    final SimulatedSpeaker speaker = new SimulatedSpeaker();
    final Phrases phrases = Phrases.load();
    final List<JsonObject> pages = new ArrayList<>();

    ReaderScreen screen(String kind, Language home) {
        ReaderScreen s = new ReaderScreen("park-nest", kind, phrases, home, new Voice(speaker, 70, Runnable::run), timers, clock);
        s.watch(pages::add);
        return s;
    }

    List<String> played() {
        return speaker.played().stream().map(o -> ((JsonObject) o).getString("played")).toList();
    }

    JsonObject page() {
        return pages.getLast();
    }

    @Test
    void everyRefusalIsShownAndSpokenInTheScreensLanguageThenTheScreenRests() {
        ReaderScreen s = screen("nest", Language.ZH_CN);
        assertEquals("请扫码。把图书馆应用里的二维码对准扫描器。", page().getString("text"));
        List<String> expected = new ArrayList<>();
        for (Refusal r : Refusal.values()) {
            s.show(new Notice.Refused(r));
            assertEquals(phrases.text(Phrase.refused(r), Language.ZH_CN), page().getString("text"));
            assertEquals("refused", page().getString("tone"));
            expected.add("zh-CN/" + Phrase.refused(r).key());
        }
        assertEquals(expected, played(), "each refusal said once, in order");
        assertEquals(70, speaker.played().getJsonObject(0).getInteger("volume"));
        timers.advance(ReaderScreen.HOLD.minusSeconds(1));
        assertEquals("refused.busy", page().getString("phrase"));
        timers.advance(Duration.ofSeconds(1));
        assertEquals("scan-your-code", page().getString("phrase"), "back at rest after the hold");
        assertEquals(expected.size(), played().size(), "the rest is not spoken");
    }

    @Test
    void aSessionGoesFromCountdownToResultByTitleElseById() {
        ReaderScreen s = screen("nest", Language.EN);
        s.show(new Notice.Unlocked("left", t0.plusSeconds(10)));
        assertEquals("Your door is unlocked: open it now.", page().getString("text"));
        assertEquals("left", page().getString("door"));
        assertEquals(10, page().getLong("countdown"));
        timers.advance(Duration.ofMinutes(5));
        assertEquals("door-unlocked", page().getString("phrase"), "a session is never timed out by the screen");
        s.show(new Notice.DoorOpen("left"));
        s.show(new Notice.Counting("left"));
        s.show(new Notice.Result("left", List.of("Dream of the Red Chamber"), List.of()));
        assertEquals(List.of("Dream of the Red Chamber"), page().getJsonArray("taken").getList());
        assertTrue(page().getJsonArray("left").isEmpty());
        assertEquals("nothing", page().getJsonObject("labels").getString("nothing"));
        assertEquals(List.of("en/door-unlocked", "en/door-open", "en/counting", "en/session-done"), played());
        timers.advance(ReaderScreen.HOLD);
        assertNull(page().getJsonArray("taken"));
    }

    @Test
    void aDoorLeftOpenInterruptsTheSessionAndClearsBackToRest() {
        ReaderScreen s = screen("nest", Language.EN);
        s.show(new Notice.DoorOpen("left"));
        s.alarm(AlarmKind.DOOR_LEFT_OPEN, "left", true);
        assertEquals("door-left-open", page().getString("phrase"));
        assertEquals("warning", page().getString("tone"));
        s.alarm(AlarmKind.DOOR_LEFT_OPEN, "left", false);
        assertEquals("scan-your-code", page().getString("phrase"));
        assertEquals(List.of("en/door-open", "en/door-left-open"), played());
    }

    @Test
    void conditionsOutlastAnswersAndTheGravestIsShown() {
        ReaderScreen s = screen("nest", Language.EN);
        s.alarm(AlarmKind.SCANNER_LOCKOUT, null, true);
        assertEquals("locked-out", page().getString("phrase"));
        s.raise(new Notice.OutOfService());
        assertEquals("out-of-service", page().getString("phrase"));
        s.show(new Notice.Refused(Refusal.BUSY));
        timers.advance(ReaderScreen.HOLD);
        assertEquals("out-of-service", page().getString("phrase"), "the answer goes, the condition stays");
        s.raise(new Notice.OutOfService());
        assertEquals("en/out-of-service", played().getLast(), "said again for whoever just tried");
        s.clear(Notice.OutOfService.class, null);
        assertEquals("locked-out", page().getString("phrase"));
        s.alarm(AlarmKind.SCANNER_LOCKOUT, null, false);
        assertEquals("scan-your-code", page().getString("phrase"));
    }

    @Test
    void aDropBoxCountsTheBooksOfAStackAndSaysThankYouOnce() {
        ReaderScreen s = screen("dropbox", Language.ZH_CN);
        assertEquals("push-books", page().getString("phrase"));
        s.returned(false);
        s.returned(false);
        s.returned(true);
        assertEquals(3, page().getInteger("count"));
        assertEquals("book-not-read", page().getString("phrase"));
        s.returned(false);
        assertEquals(4, page().getInteger("count"));
        assertEquals("本书已归还", page().getJsonObject("labels").getString("books-in-stack"));
        assertEquals(List.of("zh-CN/book-recorded", "zh-CN/book-not-read"), played());
        timers.advance(ReaderScreen.HOLD);
        assertEquals("push-books", page().getString("phrase"));
        s.returned(false);
        assertEquals(1, page().getInteger("count"), "a new stack starts at one");
        s.alarm(AlarmKind.BIN_FULL, null, true);
        assertEquals("bin-full", page().getString("phrase"));
    }

    @Test
    void theReaderSwitchesLanguageAndTheNextReaderGetsTheDefaultBack() {
        ReaderScreen s = screen("nest", Language.ZH_CN);
        s.switchTo(Language.EN);
        assertEquals("en", page().getString("lang"));
        assertEquals("Scan your code. Hold the QR code from the library app under the scanner.", page().getString("text"));
        s.show(new Notice.Refused(Refusal.EXPIRED));
        assertEquals("This code has expired: refresh it in the app.", page().getString("text"));
        assertEquals("en/refused.expired", played().getLast(), "spoken in the language chosen");
        s.show(new Notice.DoorOpen("left"));
        timers.advance(ReaderScreen.LANGUAGE_KEPT.multipliedBy(3));
        assertEquals("en", page().getString("lang"), "not while the reader is at the open door");
        s.show(new Notice.Result("left", List.of(), List.of("B-1")));
        timers.advance(ReaderScreen.LANGUAGE_KEPT);
        assertEquals("zh-CN", page().getString("lang"));
        assertEquals("请扫码。把图书馆应用里的二维码对准扫描器。", page().getString("text"));
    }

    @Test
    void aVoiceTurnedOffSaysNothingAndTheScreenStillShowsEverything() {
        ReaderScreen s = new ReaderScreen("park-nest", "nest", phrases, Language.EN, Voice.off(), timers, clock);
        s.show(new Notice.Refused(Refusal.REVOKED));
        assertEquals("This code has been cancelled. Ask your library for a new one.", s.view().getString("text"));
        assertTrue(speaker.played().isEmpty());
        assertFalse(Voice.off().on());
    }
}
