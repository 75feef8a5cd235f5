package org.bookbox.drivers.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvdevFramerTest {

    static final String TOKEN = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJQLTQ3MTEifQ.Ab-_9z";

    @ParameterizedTest
    @ValueSource(ints = {24, 16})
    void aRecordedKeystrokeStreamBecomesTheCodeWithShiftedLetters(int eventSize) {
        List<String> codes = new ArrayList<>();
        byte[] stream = ScannerSimulator.evdev(TOKEN, eventSize);
        EvdevFramer framer = new EvdevFramer(eventSize);
        // fed in awkward pieces, as reads return them
        for (int i = 0; i < stream.length; i += 37) {
            byte[] piece = Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 37));
            framer.accept(piece, piece.length, codes::add);
        }
        assertEquals(List.of(TOKEN), codes);
    }

    @Test
    void punctuationOfTheUsLayout() {
        List<String> codes = new ArrayList<>();
        String text = "]Q1 a-b_c=d+e/f?g:h;i\"j'k{l}m|n\\o~p`q!@#$%^&*()<>,.";
        byte[] stream = ScannerSimulator.evdev(text, 24);
        new EvdevFramer(24).accept(stream, stream.length, codes::add);
        assertEquals(List.of(text), codes);
    }

    @Test
    void twoCodesAndAnEmptyEnter() {
        List<String> codes = new ArrayList<>();
        byte[] a = ScannerSimulator.evdev("first", 24);
        byte[] enter = ScannerSimulator.evdev("", 24);
        byte[] b = ScannerSimulator.evdev("Second", 24);
        EvdevFramer f = new EvdevFramer(24);
        f.accept(a, a.length, codes::add);
        f.accept(enter, enter.length, codes::add);
        f.accept(b, b.length, codes::add);
        assertEquals(List.of("first", "Second"), codes);
    }

    @Test
    void onlyRealEventSizes() {
        assertThrows(IllegalArgumentException.class, () -> new EvdevFramer(20));
    }
}
