package org.bookbox.controller.event;

import java.util.Locale;

/** The contract's alarm kinds (docs/asyncapi.yaml, AlarmEvent.kind): a closed set. */
public enum AlarmKind {
    DOOR_FORCED, DOOR_LEFT_OPEN, LOCK_FAULT, READER_OFFLINE, SCANNER_OFFLINE, SCANNER_LOCKOUT, TAMPER, BIN_FULL, CHUTE_BLOCKED,
    UNIT_FAULT, STORAGE_LOW, STORAGE_FULL, JOURNAL_RESET, TOKEN_STATE_LOST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
