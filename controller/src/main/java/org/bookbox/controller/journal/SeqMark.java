package org.bookbox.controller.journal;

import org.bookbox.controller.store.JournalException;

/**
 * The journal's seq high-water mark, kept outside the journal file: should {@code journal.db} be
 * lost, emptied or replaced by an older copy, the next start knows which seqs were already handed out
 * and continues after them (an honest gap) instead of issuing them again under new ids.
 */
public interface SeqMark {

    /** Every seq ever handed out is at or below this. */
    long reserved();

    /** Raises the mark, durably, before any seq above the old one is used. */
    void reserve(long upTo) throws JournalException;

    /** No mark (tests that read a journal, tools). */
    SeqMark NONE = new SeqMark() {
        @Override
        public long reserved() {
            return Long.MAX_VALUE;
        }

        @Override
        public void reserve(long upTo) {
            // nothing kept
        }
    };
}
