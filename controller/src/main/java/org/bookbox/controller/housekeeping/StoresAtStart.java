package org.bookbox.controller.housekeeping;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.token.TokenState;
import org.tinylog.Logger;

/**
 * At start the two stores vouch for each other. A journal that lost what the seq mark in
 * {@code tokens.db} says was handed out (deleted, emptied, replaced by an old copy) continues after
 * the mark: an honest gap, never a seq issued twice. A {@code tokens.db} that was lost is rebuilt
 * from what the journal knows: the ids of the codes it saw used, and the last time the clock was
 * known right. Either is an alarm; revocations and configuration come back with the broker's
 * retained copies. Codes that opened a door are spent in the journal first (with the session's note)
 * and in {@code tokens.db} just after; at every start, {@code tokens.db} takes what the journal holds,
 * so a power cut between the two never lets a code open a second door.
 */
public final class StoresAtStart {

    /** How long a recovered token id is kept (its real expiry is not in the journal). */
    static final Duration RECOVERED_ID_KEPT = Duration.ofDays(30);

    private StoresAtStart() {
    }

    /** Reconciles the stores; returns the {@code alarm} events to record (none when both are whole). */
    public static List<BoxEvent.Alarm> reconcile(Journal journal, TokenState tokens, Clock clock) throws JournalException {
        List<BoxEvent.Alarm> alarms = new ArrayList<>();
        tokens.rememberAll(journal.notes().spentCodes());
        long last = journal.lastSeq();
        long reserved = tokens.reservedSeq();
        if (!tokens.fresh() && reserved > 0 && last <= reserved - Journal.SEQ_RESERVE) {
            journal.continueAfter(reserved);
            String detail = "the journal holds seq " + last + " but seqs up to " + reserved + " may have been handed out before: it was"
                    + " lost or replaced; recording continues after " + reserved + " (a gap, never a seq twice)";
            Logger.error(detail);
            alarms.add(alarm(AlarmKind.JOURNAL_RESET, detail));
        }
        if (tokens.fresh() && last > 0) {
            long keep = clock.instant().plus(RECOVERED_ID_KEPT).getEpochSecond();
            List<String> used = journal.history().usedTokenIds();
            for (String jti : used) {
                tokens.remember(jti, keep);
                tokens.remember("cmd:" + jti, keep); // an unlock command's id is its session's actor
            }
            journal.history().lastSyncedTime().ifPresent(t -> {
                try {
                    tokens.clockKnownGood(t.getEpochSecond());
                } catch (JournalException e) {
                    Logger.warn("last-known-good clock not recovered: {}", e.getMessage());
                }
            });
            tokens.reserveSeq(last + Journal.SEQ_RESERVE);
            String detail = "tokens.db was missing or empty: " + used.size() + " used token ids and the last-known-good clock recovered from"
                    + " the journal; revocations and configuration return with the broker's retained copies";
            Logger.error(detail);
            alarms.add(alarm(AlarmKind.TOKEN_STATE_LOST, detail));
        }
        return alarms;
    }

    private static BoxEvent.Alarm alarm(AlarmKind kind, String detail) {
        return new BoxEvent.Alarm(kind, null, null, true, detail);
    }
}
