package org.bookbox.controller.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import org.bookbox.controller.event.Refusal;
import org.bookbox.drivers.speaker.SpeakerFault;
import org.bookbox.drivers.speaker.Wav;
import org.junit.jupiter.api.Test;

/** Every message the box says to a reader: a sentence in each language, and a recording of that very sentence. */
class PhrasesTest {

    final Phrases phrases = Phrases.load();

    @Test
    void everyRefusalReasonOfTokensMdHasItsOwnSentenceInEachLanguage() {
        for (Language l : Language.values()) {
            Set<String> said = new HashSet<>();
            for (Refusal r : Refusal.values()) {
                String text = phrases.text(Phrase.refused(r), l);
                assertTrue(said.add(text), l.tag() + ": " + r + " says what another reason says: " + text);
            }
        }
        assertEquals("This code has expired: refresh it in the app.", phrases.text(Phrase.refused(Refusal.EXPIRED), Language.EN));
        assertEquals("二维码已过期，请在应用里刷新。", phrases.text(Phrase.refused(Refusal.EXPIRED), Language.ZH_CN));
    }

    @Test
    void theChineseSentencesAreChineseAndTheEnglishOnesAreNot() {
        for (Phrase p : Phrase.values()) {
            String zh = phrases.text(p, Language.ZH_CN);
            String en = phrases.text(p, Language.EN);
            assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), p + ": " + zh);
            assertTrue(en.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), p + ": " + en);
            assertNotEquals(zh, en);
        }
    }

    @Test
    void everyPhraseHasARecordingInEachLanguageThatSaysItsSentence() throws Exception {
        Properties manifest = new Properties();
        try (InputStream in = Phrases.class.getResourceAsStream("/org/bookbox/controller/screen/voice/manifest.properties")) {
            manifest.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (Language l : Language.values()) {
            for (Phrase p : Phrase.values()) {
                long bytes = playable(p, l);
                assertTrue(bytes > 8_000, p + " in " + l.tag() + " is a recording of less than a fifth of a second");
                String sentence = phrases.text(p, l);
                assertEquals(sha256(sentence), manifest.getProperty(l.tag() + "/" + p.key()),
                        l.tag() + "/" + p.key() + " was recorded from another sentence than \"" + sentence + "\": run ./dev voices");
            }
        }
    }

    /** Plays a recording as the voice does (from the jar, scaled on the way) into memory; its length in bytes. */
    static long playable(Phrase p, Language l) throws IOException {
        try (InputStream wav = Phrases.voiceStream(p, l)) {
            if (wav == null) {
                throw new AssertionError("no recording " + Phrases.voiceResource(p, l));
            }
            ByteArrayOutputStream played = new ByteArrayOutputStream();
            Wav.copyAtVolume(wav, played, 50);
            return played.size();
        } catch (SpeakerFault e) {
            throw new AssertionError(l.tag() + "/" + p.key() + " cannot be played: " + e.getMessage());
        }
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keysAreTheFileNamesOfTheRecordings() throws IOException {
        assertEquals("refused.not-yet-valid", Phrase.REFUSED_NOT_YET_VALID.key());
        assertEquals("door-left-open", Phrase.DOOR_LEFT_OPEN.key());
        assertEquals("/org/bookbox/controller/screen/voice/zh-CN/door-left-open.wav", Phrases.voiceResource(Phrase.DOOR_LEFT_OPEN, Language.ZH_CN));
    }
}
