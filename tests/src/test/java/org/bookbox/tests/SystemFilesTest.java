package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a box's system gets beside the unit, applied by systemd's own tools to a throw-away
 * root: sysusers.d makes the service user in its device groups, tmpfiles.d the owner-only data
 * directory; the udev rules name the devices the example profiles use.
 */
class SystemFilesTest {

    @TempDir
    Path root;

    static void apply(Path root, String tool, String file, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool, "--root=" + root));
        cmd.addAll(List.of(more));
        cmd.add("-");
        Process p = new ProcessBuilder(cmd).redirectInput(ChildJvm.repo().resolve("systemd").resolve(file).toFile())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), tool + ": " + said);
    }

    @Test
    void theServiceUserAndItsDirectoriesComeFromSystemdsOwnTools() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        apply(root, "systemd-sysusers", "bookbox.sysusers");
        List<String> passwd = Files.readAllLines(root.resolve("etc/passwd"));
        assertTrue(passwd.stream().anyMatch(l -> l.startsWith("bookbox:") && l.endsWith(":/var/lib/bookbox:/usr/sbin/nologin")), passwd.toString());
        List<String> groups = Files.readAllLines(root.resolve("etc/group"));
        for (String g : List.of("gpio", "dialout", "input")) {
            assertTrue(groups.stream().anyMatch(l -> l.startsWith(g + ":") && l.endsWith(":bookbox")), g + " in " + groups);
        }
        apply(root, "systemd-tmpfiles", "bookbox.tmpfiles", "--create");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/lib/bookbox"))));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/bookbox"))));
    }

    @Test
    void theUdevRulesNameWhatTheExampleProfilesUse() throws Exception {
        String rules = Files.readString(ChildJvm.repo().resolve("systemd/70-bookbox.rules"));
        for (String line : rules.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
            assertTrue(line.startsWith("SUBSYSTEM==\"") && line.contains("MODE=\""), line);
        }
        assertTrue(rules.contains("SYMLINK+=\"bookbox/rfid%n\"") && rules.contains("SYMLINK+=\"bookbox/qr%n\"")
                && rules.contains("SYMLINK+=\"bookbox/qr-kbd%n\""));
        String profiles = Files.readString(ChildJvm.repo().resolve("examples/profiles/nest.yaml"))
                + Files.readString(ChildJvm.repo().resolve("examples/profiles/dropbox.yaml"))
                + Files.readString(ChildJvm.repo().resolve("examples/profiles/locker.yaml"));
        assertTrue(profiles.contains("/dev/bookbox/rfid0") && profiles.contains("/dev/bookbox/qr0") && profiles.contains("/dev/bookbox/qr-kbd0"));
    }
}
