package org.bookbox.controller.lifecycle;

/** Exit codes from sysexits.h, so that systemd and the technician can tell failures apart. */
public enum ExitCode {
    OK(0),
    USAGE(64),
    UNAVAILABLE(69),
    SOFTWARE(70),
    CANT_CREATE(73),
    IO_ERROR(74),
    CONFIG(78);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
