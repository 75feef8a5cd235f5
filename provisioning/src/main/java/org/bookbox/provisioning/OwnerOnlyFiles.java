package org.bookbox.provisioning;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the box's files owner-only ({@code 0600}) and owned by the service user, each replaced
 * whole: a power cut leaves the old file or the new one, never half of one.
 */
final class OwnerOnlyFiles {

    private final ServiceUser owner;

    OwnerOnlyFiles(ServiceUser owner) {
        this.owner = owner;
    }

    void write(Path file, String text) throws IOException, ServiceUser.Unavailable {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    void write(Path file, byte[] bytes) throws IOException, ServiceUser.Unavailable {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".new", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, bytes);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            owner.own(temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A file the agent made or will use (the journal and its companions): given to the service user. */
    void own(Path file) throws ServiceUser.Unavailable {
        if (Files.exists(file)) {
            owner.own(file);
        }
    }
}
