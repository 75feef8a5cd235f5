package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The systemd unit says what the agent does: it notifies, feeds a watchdog, stops clean with 143, runs one JVM. */
class UnitFileTest {

    @Test
    void theUnitMatchesWhatTheAgentDoes() throws Exception {
        List<String> lines = Files.readAllLines(ChildJvm.repo().resolve("systemd/bookbox.service")).stream()
                .map(String::strip).filter(l -> !l.startsWith("#") && !l.isEmpty()).toList();
        for (String required : List.of("Type=notify", "NotifyAccess=main", "WatchdogSec=30", "Restart=on-failure",
                "SuccessExitStatus=143", "RestartPreventExitStatus=78", "NoNewPrivileges=yes", "CapabilityBoundingSet=",
                "ProtectKernelTunables=yes", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK", "DevicePolicy=closed")) {
            assertTrue(lines.contains(required), required + " in " + lines);
        }
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("ExecStartPre=")), "no second JVM before the agent");
        assertEquals(1, lines.stream().filter(l -> l.startsWith("ExecStart=/usr/bin/java ")).count());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("MemoryMax=")));
    }

    @Test
    void systemdAcceptsTheUnit() throws Exception {
        Process p = new ProcessBuilder("systemd-analyze", "verify", ChildJvm.repo().resolve("systemd/bookbox.service").toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        assertEquals("", said.strip(), "systemd-analyze has nothing to say of the unit");
    }
}
