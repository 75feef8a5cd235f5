package org.bookbox.drivers.scanner;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bookbox.drivers.serial.SerialLink;
import org.tinylog.Logger;

/**
 * A keyboard-wedge scanner's {@code /dev/input/eventN}, opened through libc and grabbed with
 * EVIOCGRAB so that its keystrokes do not also reach a console.
 */
public final class EvdevLink implements SerialLink {

    interface LibC extends Library {
        int open(String path, int flags);

        int read(int fd, byte[] buffer, NativeLong count);

        int close(int fd);

        int ioctl(int fd, NativeLong request, int arg);

        int poll(byte[] fds, int count, int timeoutMs);
    }

    private static final int O_RDONLY_NONBLOCK = 0x800;
    /** _IOW('E', 0x90, int) */
    private static final long EVIOCGRAB = 0x40044590L;
    private static final short POLLIN = 0x1;

    private static volatile LibC libc;
    private final String path;
    private final int fd;

    private EvdevLink(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    public static EvdevLink open(String path) throws IOException {
        LibC c = libc();
        int fd = c.open(path, O_RDONLY_NONBLOCK);
        if (fd < 0) {
            throw new IOException("cannot open " + path + " (errno " + Native.getLastError() + ")");
        }
        if (c.ioctl(fd, new NativeLong(EVIOCGRAB), 1) != 0) {
            Logger.warn("{}: could not take the device exclusively (errno {}); its keys may also reach a console", path, Native.getLastError());
        }
        return new EvdevLink(path, fd);
    }

    private static LibC libc() {
        if (libc == null) {
            libc = Native.load("c", LibC.class);
        }
        return libc;
    }

    @Override
    public int read(byte[] buffer, int timeoutMs) throws IOException {
        ByteBuffer pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(fd).putShort(POLLIN).putShort((short) 0);
        byte[] fds = pollfd.array();
        int ready = libc.poll(fds, 1, timeoutMs);
        if (ready == 0) {
            return 0;
        }
        int n = libc.read(fd, buffer, new NativeLong(buffer.length));
        if (n <= 0) {
            int errno = Native.getLastError();
            if (n < 0 && errno == 11) { // EAGAIN: woken with nothing to read
                return 0;
            }
            throw new IOException(path + " is gone" + (n < 0 ? " (errno " + errno + ")" : ""));
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        throw new IOException("a keyboard-wedge scanner takes no commands");
    }

    @Override
    public void drain() {
        // events are read as they come; nothing is stale
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
