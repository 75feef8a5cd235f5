package org.bookbox.controller.lifecycle;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The data directory: made if missing (owner-only), and proven writable before the journal is opened. */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static void prepare(Path dir) throws AgentStartException {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (FileAlreadyExistsException e) {
            throw new AgentStartException(ExitCode.CANT_CREATE, "data directory " + dir + ": " + e.getFile() + " is a file, not a directory");
        } catch (IOException e) {
            throw new AgentStartException(ExitCode.CANT_CREATE, "cannot create data directory " + dir + ": " + reason(e));
        }
        if (!Files.isDirectory(dir)) {
            throw new AgentStartException(ExitCode.CANT_CREATE, "data directory " + dir + " is not a directory");
        }
        // Permission bits do not tell (root ignores them, read-only mounts ignore them): try it.
        Path probe = dir.resolve(".write-probe");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new AgentStartException(ExitCode.CANT_CREATE, "data directory " + dir + " is not writable: " + reason(e));
        }
    }

    private static String reason(IOException e) {
        String r = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return e.getMessage() == null ? r : r + " (" + e.getMessage() + ")";
    }
}
