package org.bookbox.controller.screen;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.store.Storage;
import org.bookbox.drivers.board.Board;
import org.bookbox.drivers.time.Timers;
import org.tinylog.Logger;

/**
 * The screens of one box, one per unit, and the one voice they share (a board has one loudspeaker).
 * A full data partition is every screen's condition: no unit takes anything in then.
 */
public final class ReaderScreens {

    private final Map<String, ReaderScreen> byUnit = new LinkedHashMap<>();

    public ReaderScreens(HardwareProfile profile, Board board, Storage storage, Executor worker, Timers timers, Clock clock) {
        Phrases phrases = Phrases.load();
        HardwareProfile.ReaderSpec spec = profile.reader();
        Language home = Language.of(spec.language()).orElse(Language.ZH_CN);
        Voice voice = spec.volume() == 0 ? Voice.off() : new Voice(board.speaker(spec.audioDevice()), spec.volume(), worker);
        Logger.info("reader screens in {}; voice {}", home.tag(), voice.on() ? "at " + spec.volume() + "% on " + spec.audioDevice() : "off");
        for (UnitSpec u : profile.units()) {
            byUnit.put(u.name(), new ReaderScreen(u.name(), u.kind(), phrases, home, voice, timers, clock));
        }
        storage.onChange(() -> byUnit.values().forEach(s -> {
            if (storage.full()) {
                s.raise(new Notice.StorageFull());
            } else {
                s.clear(Notice.StorageFull.class, null);
            }
        }));
    }

    public Optional<ReaderScreen> of(String unit) {
        return Optional.ofNullable(byUnit.get(unit));
    }
}
