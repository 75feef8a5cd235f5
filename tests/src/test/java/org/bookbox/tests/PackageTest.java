package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package `mvn package` builds, installed by dpkg into a throw-away root (its maintainer
 * scripts run there, without chroot, with DPKG_ROOT set): files and modes, the conffile kept when
 * edited, the service user, the unit; a purge leaves the journal unless asked.
 */
class PackageTest {

    @TempDir
    Path root;

    static Path deb() throws Exception {
        try (Stream<Path> files = Files.list(ChildJvm.repo().resolve("packaging/target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("_all.deb")).findFirst().orElseThrow();
        }
    }

    String dpkg(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless", "--force-not-root", "--force-depends"));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        // dpkg wants the sbin directories (ldconfig, start-stop-daemon) even when it will not run them
        b.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/local/sbin:/usr/sbin:/sbin");
        b.environment().putAll(env);
        Process p = b.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + said);
        return said;
    }

    @Test
    void installsIntoARootKeepsAnEditedConfigurationAndPurgesAllButTheJournal() throws Exception {
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        Files.writeString(root.resolve("var/lib/dpkg/available"), "");
        dpkg(Map.of(), "-i", deb().toString());

        assertTrue(Files.isRegularFile(root.resolve("opt/bookbox/bookbox-agent.jar")));
        assertTrue(Files.isRegularFile(root.resolve("opt/bookbox/bookbox-provision.jar")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("usr/bin/bookbox-provision"))));
        assertTrue(Files.readString(root.resolve("usr/lib/systemd/system/bookbox.service")).contains("Type=notify"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/bookbox/agent.yaml"))));
        // the service user's group reads it (by number: the names are the root's own)
        String gid = Files.readAllLines(root.resolve("etc/group")).stream().filter(l -> l.startsWith("bookbox:")).findFirst().orElseThrow().split(":")[2];
        assertEquals(Integer.parseInt(gid), Files.getAttribute(root.resolve("etc/bookbox/agent.yaml"), "unix:gid"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/lib/bookbox"))));
        assertTrue(Files.readAllLines(root.resolve("etc/passwd")).stream().anyMatch(l -> l.startsWith("bookbox:")));
        String status = Files.readString(root.resolve("var/lib/dpkg/status"));
        assertTrue(status.contains("Conffiles:\n /etc/bookbox/agent.yaml "), status);
        assertTrue(status.contains("Depends: openjdk-21-jre-headless"), status);

        // a technician's edit survives the package installed again
        Files.writeString(root.resolve("etc/bookbox/agent.yaml"), "device_id: edited-by-the-technician\n");
        dpkg(Map.of(), "-i", deb().toString());
        assertEquals("device_id: edited-by-the-technician\n", Files.readString(root.resolve("etc/bookbox/agent.yaml")));

        // the journal holds events not yet acknowledged: a purge keeps it unless asked
        Files.writeString(root.resolve("var/lib/bookbox/journal.db"), "events");
        dpkg(Map.of(), "--purge", "bookbox");
        assertFalse(Files.exists(root.resolve("etc/bookbox")), "the configuration is purged");
        assertFalse(Files.exists(root.resolve("opt/bookbox/bookbox-agent.jar")));
        assertTrue(Files.exists(root.resolve("var/lib/bookbox/journal.db")), "the journal stays");
        dpkg(Map.of(), "-i", deb().toString());
        dpkg(Map.of("BOOKBOX_PURGE_JOURNAL", "yes"), "--purge", "bookbox");
        assertFalse(Files.exists(root.resolve("var/lib/bookbox")), "asked: the journal goes too");
    }
}
