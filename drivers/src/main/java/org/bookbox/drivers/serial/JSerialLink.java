package org.bookbox.drivers.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A serial line through jSerialComm, 8N1 at the given speed. */
public final class JSerialLink implements SerialLink {

    private final String path;
    private final SerialPort port;

    private JSerialLink(String path, SerialPort port) {
        this.path = path;
        this.port = port;
    }

    public static JSerialLink open(String path, int baud) throws IOException {
        if (!Files.exists(Path.of(path))) {
            throw new IOException(path + " does not exist");
        }
        SerialPort port = SerialPort.getCommPort(path);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open " + path + " (error " + port.getLastErrorCode() + ")");
        }
        return new JSerialLink(path, port);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (port.writeBytes(bytes, bytes.length) != bytes.length) {
            throw new IOException(path + " did not take the write: device gone?");
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMs) throws IOException {
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, Math.max(1, timeoutMs), 0);
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0 || !Files.exists(Path.of(path))) {
            throw new IOException(path + " is gone");
        }
        return n;
    }

    @Override
    public void drain() throws IOException {
        byte[] scrap = new byte[256];
        while (port.bytesAvailable() > 0) {
            if (port.readBytes(scrap, scrap.length) < 0) {
                throw new IOException(path + " is gone");
            }
        }
    }

    @Override
    public void close() {
        port.closePort();
    }

    @Override
    public String toString() {
        return path;
    }
}
