package org.bookbox.controller.lifecycle;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Tells systemd how the agent is (sd_notify): {@code READY=1} once the units serve, {@code
 * WATCHDOG=1} while it is alive, {@code STOPPING=1} on the way out. A datagram on the unix socket
 * named by {@code NOTIFY_SOCKET}; Java has no unix datagrams of its own, so through libc.
 */
public final class SystemdNotifier implements AutoCloseable {

    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        int sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength);

        int close(int fd);
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;

    private final LibC libc;
    private final int fd;
    private final byte[] address;
    private final String path;

    private SystemdNotifier(LibC libc, int fd, byte[] address, String path) {
        this.libc = libc;
        this.fd = fd;
        this.address = address;
        this.path = path;
    }

    /** The notifier systemd asked for ({@code NOTIFY_SOCKET}), if it did: none when run by hand. */
    public static Optional<SystemdNotifier> fromEnvironment(Map<String, String> env) {
        String path = env.get("NOTIFY_SOCKET");
        if (path == null || path.isEmpty() || path.length() > 107 || !(path.startsWith("/") || path.startsWith("@"))) {
            return Optional.empty();
        }
        try {
            LibC libc = Native.load("c", LibC.class);
            int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                Logger.warn("systemd notify socket not opened (errno {})", Native.getLastError());
                return Optional.empty();
            }
            return Optional.of(new SystemdNotifier(libc, fd, sockaddr(path), path));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            Logger.warn("systemd notify socket not opened: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** struct sockaddr_un: the family, then the path (an abstract one, {@code @name}, begins with a zero byte). */
    private static byte[] sockaddr(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = p[0] == '@';
        ByteBuffer b = ByteBuffer.allocate(2 + p.length + (abstractName ? 0 : 1)).order(ByteOrder.nativeOrder());
        b.putShort((short) AF_UNIX);
        if (abstractName) {
            b.put((byte) 0).put(p, 1, p.length - 1);
        } else {
            b.put(p).put((byte) 0);
        }
        return b.array();
    }

    /** Sends one state ({@code READY=1}, {@code WATCHDOG=1}, {@code STOPPING=1}); a failure is logged, never thrown. */
    public void send(String state) {
        byte[] message = (state + "\n").getBytes(StandardCharsets.UTF_8);
        if (libc.sendto(fd, message, new NativeLong(message.length), 0, address, address.length) < 0) {
            Logger.warn("systemd did not take {} on {} (errno {})", state, path, Native.getLastError());
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
