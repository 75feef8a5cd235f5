package org.bookbox.drivers.part;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartAddressTest {

    @Test
    void readsEveryKindOfAddress() {
        assertEquals(new PartAddress(PartAddress.Kind.GPIO, "", 17, false), PartAddress.parse("gpio:17"));
        assertEquals(new PartAddress(PartAddress.Kind.GPIO, "", 27, true), PartAddress.parse("gpio:27:active-low"));
        assertEquals(new PartAddress(PartAddress.Kind.RFID, "/dev/rfid0", 2, false), PartAddress.parse("rfid:/dev/rfid0#2"));
        assertEquals(new PartAddress(PartAddress.Kind.RFID, "/dev/rfid0", 1, false), PartAddress.parse("rfid:/dev/rfid0"));
        assertEquals(new PartAddress(PartAddress.Kind.SERIAL, "/dev/qr0", 0, false), PartAddress.parse("serial:/dev/qr0"));
        assertEquals("evdev:/dev/input/event3", PartAddress.parse("evdev:/dev/input/event3").toString());
    }

    @Test
    void antennaOneOfAReaderIsTheReaderItself() {
        assertTrue(PartAddress.parse("rfid:/dev/rfid0").sameWire(PartAddress.parse("rfid:/dev/rfid0#1")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "17                  | address '17' has no kind",
            "gpio:x              | GPIO line 'x' is not a number",
            "gpio:40             | GPIO line 40 is not on the header (0-27)",
            "gpio:4:inverted     | unknown GPIO option 'inverted'",
            "rfid:/dev/rfid0#0   | antenna 0 is out of range (1-16)",
            "rfid:/dev/rfid0#a   | antenna 'a' is not a number",
            "serial:ttyUSB0      | must be an absolute path",
            "i2c:1/0x20          | unknown kind 'i2c' (this build knows gpio, rfid, serial, evdev, lockboard)",
    })
    void eachMistakeIsNamed(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartAddress.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
