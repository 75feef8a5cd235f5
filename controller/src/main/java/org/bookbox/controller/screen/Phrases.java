package org.bookbox.controller.screen;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The sentences of every {@link Phrase} and {@link Label} in every {@link Language}, read once from
 * the jar, and where each phrase's voice prompt lies. A phrase missing in one language is a fault of
 * the build, found when the catalogue is read, never a blank screen in front of a reader.
 */
public final class Phrases {

    private static final String BASE = "/org/bookbox/controller/screen/";

    private final Map<Language, Properties> texts = new EnumMap<>(Language.class);

    private Phrases() {
    }

    /** The catalogue of the jar; fails if a phrase or label lacks a sentence in a language. */
    public static Phrases load() {
        Phrases p = new Phrases();
        List<String> missing = new ArrayList<>();
        for (Language l : Language.values()) {
            Properties props = new Properties();
            try (InputStream in = Phrases.class.getResourceAsStream(BASE + "phrases_" + l.tag() + ".properties")) {
                if (in == null) {
                    throw new IllegalStateException("no phrase file for " + l.tag());
                }
                props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            p.texts.put(l, props);
            for (Phrase phrase : Phrase.values()) {
                if (props.getProperty(phrase.key(), "").isBlank()) {
                    missing.add(l.tag() + ":" + phrase.key());
                }
            }
            for (Label label : Label.values()) {
                if (props.getProperty(label.key(), "").isBlank()) {
                    missing.add(l.tag() + ":" + label.key());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("phrases without a sentence: " + missing);
        }
        return p;
    }

    public String text(Phrase phrase, Language language) {
        return texts.get(language).getProperty(phrase.key());
    }

    public String label(Label label, Language language) {
        return texts.get(language).getProperty(label.key());
    }

    /** The classpath name of a phrase's recording in a language. */
    public static String voiceResource(Phrase phrase, Language language) {
        return BASE + "voice/" + language.tag() + "/" + phrase.key() + ".wav";
    }

    /** A phrase's recording as a stream to play from (the caller closes it), or null where the jar has none. */
    public static InputStream voiceStream(Phrase phrase, Language language) {
        return Phrases.class.getResourceAsStream(voiceResource(phrase, language));
    }
}
