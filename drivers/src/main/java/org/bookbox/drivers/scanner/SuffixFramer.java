package org.bookbox.drivers.scanner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Serial-mode framing: a code ends at its suffix (CR, LF or CRLF: any line end closes a code, so a
 * scanner set to CRLF where the profile says CR still works), or, with no suffix, at a pause.
 */
public final class SuffixFramer implements CodeFramer {

    /** No QR code a box accepts is longer; a longer run is noise and is dropped. */
    static final int MAX_CODE = 4096;

    private final boolean suffixless;
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private boolean overflow;

    /** @param suffix CR, LF, CRLF or none, as the profile says */
    public SuffixFramer(String suffix) {
        this.suffixless = suffix.equals("none");
    }

    @Override
    public void accept(byte[] buffer, int length, Consumer<String> codes) {
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (!suffixless && (b == '\r' || b == '\n')) {
                finish(codes);
            } else if (code.size() < MAX_CODE) {
                code.write(b);
            } else {
                overflow = true;
            }
        }
    }

    @Override
    public boolean waiting() {
        return suffixless && (code.size() > 0 || overflow);
    }

    @Override
    public void idle(Consumer<String> codes) {
        if (suffixless) {
            finish(codes);
        }
    }

    private void finish(Consumer<String> codes) {
        if (overflow) {
            Logger.warn("dropped a scan longer than {} bytes", MAX_CODE);
        } else if (code.size() > 0) {
            codes.accept(code.toString(StandardCharsets.UTF_8));
        }
        code.reset();
        overflow = false;
    }
}
