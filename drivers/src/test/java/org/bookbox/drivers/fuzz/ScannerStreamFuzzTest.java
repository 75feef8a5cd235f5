package org.bookbox.drivers.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.bookbox.drivers.scanner.EvdevFramer;
import org.bookbox.drivers.scanner.ScannedText;
import org.bookbox.drivers.scanner.SuffixFramer;

/**
 * A scanner's byte stream is whatever was in front of it: any bytes, in any chunks, make bounded
 * codes or none, never an exception (serial scanners and keyboard-wedge evdev streams alike).
 */
class ScannerStreamFuzzTest {

    /** Longer than any code a scanner passes on (SuffixFramer and EvdevFramer drop what is longer). */
    static final int LONGEST = 4096;

    @FuzzTest(maxDuration = "5m")
    void anySerialStreamMakesBoundedCodes(FuzzedDataProvider data) {
        SuffixFramer framer = new SuffixFramer(data.pickValue(new String[] {"CR", "LF", "CRLF", "none"}));
        List<String> codes = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 64));
            framer.accept(chunk, chunk.length, codes::add);
            if (data.consumeBoolean()) {
                framer.idle(codes::add);
            }
        }
        codes.forEach(c -> {
            assertTrue(c.length() <= LONGEST, "a code of " + c.length() + " characters");
            ScannedText.clean(c, "QR:");
        });
    }

    @FuzzTest(maxDuration = "5m")
    void anyEvdevStreamMakesBoundedCodes(FuzzedDataProvider data) {
        EvdevFramer framer = new EvdevFramer(data.pickValue(new int[] {16, 24}));
        List<String> codes = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 96));
            framer.accept(chunk, chunk.length, codes::add);
        }
        codes.forEach(c -> assertTrue(c.length() <= LONGEST, "a code of " + c.length() + " characters"));
    }
}
