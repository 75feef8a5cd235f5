package org.bookbox.controller.screen;

import java.util.Arrays;
import java.util.Optional;

/** The languages the reader's screen and voice speak: the profile picks the default, the reader may switch. */
public enum Language {
    ZH_CN("zh-CN", "中文"),
    EN("en", "English");

    private final String tag;
    private final String ownName;

    Language(String tag, String ownName) {
        this.tag = tag;
        this.ownName = ownName;
    }

    /** The BCP 47 tag: {@code zh-CN}, {@code en}; also the folder of its voice prompts. */
    public String tag() {
        return tag;
    }

    /** The language's name in itself, as the switch on the screen shows it. */
    public String ownName() {
        return ownName;
    }

    public static Optional<Language> of(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equalsIgnoreCase(tag)).findFirst();
    }
}
