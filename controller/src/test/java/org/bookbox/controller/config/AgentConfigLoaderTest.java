package org.bookbox.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigLoaderTest {

    @TempDir
    Path dir;
    Path file;

    private static final String VALID = """
            device_id: nest-0042
            consortium_id: rhein-main
            library_isil: DE-705
            broker_url: tcp://127.0.0.1:1883
            data_dir: data
            trusted_keys: keys.json
            """;

    @BeforeEach
    void keys() throws Exception {
        Files.writeString(dir.resolve("keys.json"), "{}");
        file = dir.resolve("agent.yaml");
    }

    private List<String> problems(String yaml) throws Exception {
        Files.writeString(file, yaml);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(file));
        return e.problems().stream().map(p -> p.line() + ": " + p.message()).toList();
    }

    @Test
    void readsAValidFileWithDefaultsAndPathsFromItsDirectory() throws Exception {
        Files.writeString(file, VALID);
        AgentConfig c = AgentConfigLoader.load(file);
        assertEquals("nest-0042", c.deviceId());
        assertEquals(dir.resolve("data"), c.dataDir());
        assertEquals(dir.resolve("profile.yaml"), c.profile());
        assertEquals("127.0.0.1", c.apiHost());
        assertEquals(8080, c.apiPort());
        assertEquals("urn:bookbox:rhein-main:nest-0042", c.source());
    }

    @Test
    void aLocalApiOnTheNetworkIsRefusedUnlessAskedForInSoManyWords() throws Exception {
        // issue 9, defect 15: api.host 0.0.0.0 was taken without a word
        List<String> p = problems(VALID + "api:\n  host: 0.0.0.0\n");
        assertEquals(1, p.size(), p.toString());
        assertEquals(true, p.get(0).contains("'host' is '0.0.0.0', not a loopback address"), p.get(0));
        Files.writeString(file, VALID + "api:\n  host: 0.0.0.0\n  allow_remote: true\n");
        assertEquals("0.0.0.0", AgentConfigLoader.load(file).apiHost());
    }

    @Test
    void aMissingFileIsOneLine() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(dir.resolve("nope.yaml")));
        assertEquals(dir.resolve("nope.yaml") + ": agent configuration not found", e.getMessage());
    }

    @Test
    void brokenYamlNamesItsLine() throws Exception {
        assertEquals(List.of("4: agent configuration is not valid YAML: could not find expected ':' (while scanning a simple key on line 3)"),
                problems("device_id: a\nconsortium_id: b\nlibrary_isil DE-705\nbroker_url: x\n"));
    }

    @Test
    void binaryGarbageIsNotText() throws Exception {
        Files.write(file, new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF});
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> AgentConfigLoader.load(file));
        assertEquals(file + ": agent configuration is not UTF-8 text", e.getMessage());
    }

    @Test
    void aListIsNotAConfiguration() throws Exception {
        assertEquals(List.of("1: agent configuration must be a mapping of keys to values"), problems("- a\n- b\n"));
    }

    @Test
    void everyMissingKeyIsNamed() throws Exception {
        assertEquals(List.of(
                "1: 'consortium_id' is missing",
                "1: 'library_isil' is missing",
                "1: 'broker_url' is missing",
                "1: 'data_dir' is missing",
                "1: 'trusted_keys' is missing"), problems("device_id: nest-1\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "device_id: Nest_42 | 1: 'device_id' is 'Nest_42': lower-case letters, digits and dashes, at most 63, starting with a letter or digit",
            "library_isil: DE705 | 3: 'library_isil' is 'DE705': an ISIL such as DE-705 or DK-710100 (prefix, dash, at most 16 characters)",
            "broker_url: mqtt.example.org | 4: 'broker_url' is 'mqtt.example.org': write ssl://host:port (or tcp://127.0.0.1:port for a broker on this machine)",
            "broker_url: tcp://mqtt.example.org:1883 | 4: 'broker_url' is 'tcp://mqtt.example.org:1883': plain tcp:// is only for a broker on this machine; use ssl:// with a client certificate",
            "broker_url: ssl://mqtt.example.org:8883 | 4: 'broker_url' is ssl:// but there is no 'tls' section with ca_file, cert_file and key_file",
            "trusted_keys: missing.json | 6: 'trusted_keys' names MISSING, which does not exist",
    })
    void eachBadValueIsNamedAtItsLine(String replacement, String expected) throws Exception {
        String key = replacement.substring(0, replacement.indexOf(':'));
        String yaml = VALID.lines().map(l -> l.startsWith(key + ":") ? replacement : l).reduce("", (a, b) -> a + b + "\n");
        assertEquals(List.of(expected.replace("MISSING", dir.resolve("missing.json").toString())), problems(yaml));
    }

    @Test
    void aMisspeltKeyIsNotIgnored() throws Exception {
        assertEquals(List.of("7: unknown key 'data_directory'"), problems(VALID + "data_directory: /var/lib/x\n"));
    }

    @Test
    void aKeyGivenTwiceIsNamedWithBothLines() throws Exception {
        assertEquals(List.of("7: 'device_id' is given twice (first on line 1)"), problems(VALID + "device_id: other\n"));
    }

    @Test
    void nestedValuesAreCheckedToo() throws Exception {
        assertEquals(List.of("8: api: 'port' is 99999: must be between 0 and 65535"),
                problems(VALID + "api:\n  port: 99999\n"));
        assertEquals(List.of("7: tls: 'ca_file' is missing", "7: tls: 'cert_file' is missing", "7: tls: 'key_file' is missing"),
                problems(VALID.replace("tcp://127.0.0.1:1883", "ssl://mqtt.example.org:8883") + "tls: {}\n"));
    }
}
