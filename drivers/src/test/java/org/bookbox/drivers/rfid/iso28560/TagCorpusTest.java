package org.bookbox.drivers.rfid.iso28560;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tag corpus (src/test/resources/tags/corpus.tsv): each memory, where it comes from and what it
 * must decode to. The fuzzer starts from the same memories (its seeds {@code corpus-<name>}).
 */
class TagCorpusTest {

    record Entry(String name, String source, byte[] memory, String id, String owner, String usage, String parts, String part) {
        @Override
        public String toString() {
            return name + " (" + source + ")";
        }
    }

    static Stream<Entry> corpus() throws IOException {
        try (InputStream in = TagCorpusTest.class.getResourceAsStream("/tags/corpus.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            return lines.stream().map(l -> l.split("\t", -1)).map(f -> new Entry(f[0], f[1], HexFormat.of().parseHex(f[2]),
                    f[3], f[4], f[5], f[6], f[7]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void decodesAsTheCorpusSays(Entry e) {
        TagDecoding d = TagData.decode(e.memory());
        if (e.id().equals("bad")) {
            assertFalse(d.ok(), () -> e + " decoded to " + d.item());
            assertTrue(d.problem().contains(e.owner()), () -> e + ": " + d.problem());
            return;
        }
        assertTrue(d.ok(), () -> e + ": " + d.problem());
        LibraryItem item = d.item();
        assertEquals(e.id(), item.itemId(), e::toString);
        assertEquals(e.owner().isEmpty() ? null : e.owner(), item.ownerIsil(), e::toString);
        if (e.owner().isEmpty()) {
            assertNotNull(d.problem(), () -> e + ": an owner that cannot be read says why");
        }
        assertEquals(Integer.parseInt(e.usage()), item.usage(), e::toString);
        assertEquals(Integer.parseInt(e.parts()), item.partsInItem(), e::toString);
        assertEquals(Integer.parseInt(e.part()), item.partNumber(), e::toString);
        assertEquals(null, d.extensions().problem(), e::toString);
        if (e.name().contains("extension")) {
            assertEquals(List.of(1), d.extensions().ids(), e::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void theFuzzerStartsFromIt(Entry e) throws IOException {
        String seed = "/org/bookbox/drivers/fuzz/TagMemoryFuzzTestInputs/anyTagMemoryIsAnItemOrAReason/corpus-" + e.name();
        try (InputStream in = TagCorpusTest.class.getResourceAsStream(seed)) {
            assertNotNull(in, "seed " + seed + " is missing: write the corpus entry's memory there");
            assertArrayEquals(e.memory(), in.readAllBytes(), seed + " differs from the corpus");
        }
    }
}
