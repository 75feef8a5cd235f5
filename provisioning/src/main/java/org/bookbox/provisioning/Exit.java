package org.bookbox.provisioning;

/** The tool's exit codes: 0 and 1 for the verdict, sysexits.h for what stopped it (documented in the README). */
enum Exit {
    OK(0),
    FAULTS(1),
    USAGE(64),
    REFUSED(65),
    NO_USER(67),
    UNAVAILABLE(69),
    IO_ERROR(74),
    AGENT_RUNNING(75),
    NO_PERMISSION(77),
    CONFIG(78);

    final int code;

    Exit(int code) {
        this.code = code;
    }
}
