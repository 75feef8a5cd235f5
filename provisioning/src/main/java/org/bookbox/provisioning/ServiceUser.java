package org.bookbox.provisioning;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * The user the agent runs as, who must own what the tool writes: run as root, the tool gives each
 * file to it (the package's {@code bookbox}); run as that user, there is nothing to give.
 */
final class ServiceUser {

    /** The service user does not exist, or the files cannot be given to it. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    static final String PACKAGE_USER = "bookbox";

    private final UserPrincipal user;

    private ServiceUser(UserPrincipal user) {
        this.user = user;
    }

    /** {@code name}, or when none is given the package's user when run as root and the running user otherwise. */
    static ServiceUser of(String name) throws Unavailable {
        String running = System.getProperty("user.name");
        String wanted = name != null ? name : running.equals("root") ? PACKAGE_USER : running;
        try {
            return new ServiceUser(FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(wanted));
        } catch (UserPrincipalNotFoundException e) {
            throw new Unavailable("there is no user '" + wanted + "' to run the agent: install the bookbox package first"
                    + " (it creates the user), or name another with --user");
        } catch (IOException e) {
            throw new Unavailable("users cannot be looked up: " + e.getMessage());
        }
    }

    String name() {
        return user.getName();
    }

    void own(Path file) throws Unavailable {
        try {
            if (!Files.getOwner(file).equals(user)) {
                Files.setOwner(file, user);
            }
        } catch (IOException e) {
            throw new Unavailable(file + " cannot be given to user " + user.getName() + " (run the tool as root): " + e.getMessage());
        }
    }
}
