package org.bookbox.drivers.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.IOException;
import java.util.function.Function;
import org.bookbox.drivers.serial.SerialLink;

/**
 * A serial line whose device answers whatever the fuzzer says: each read hands out either raw bytes
 * or a well-framed answer (checksum and all) around fuzzed contents, so that the fuzzer gets past the
 * framing to what the driver makes of an answer; once the input is used up, the device is unplugged.
 */
final class FuzzedLink implements SerialLink {

    private final FuzzedDataProvider data;
    private final Function<FuzzedDataProvider, byte[]> framed;
    private byte[] pending = new byte[0];
    private int at;

    /** @param framed makes one well-framed answer from fuzzer input */
    FuzzedLink(FuzzedDataProvider data, Function<FuzzedDataProvider, byte[]> framed) {
        this.data = data;
        this.framed = framed;
    }

    @Override
    public void write(byte[] bytes) {
        // the device hears the request; its answer is the fuzzer's
    }

    @Override
    public int read(byte[] buffer, int timeoutMs) throws IOException {
        if (at == pending.length) {
            if (data.remainingBytes() == 0) {
                // the fuzzer has no more to say: the device is gone (a time-out would cost the driver's full wait)
                throw new IOException("fuzzed device has nothing more to say");
            }
            pending = data.consumeBoolean() ? framed.apply(data) : data.consumeBytes(data.consumeInt(1, 64));
            at = 0;
        }
        int n = Math.min(buffer.length, pending.length - at);
        System.arraycopy(pending, at, buffer, 0, n);
        at += n;
        return n;
    }

    @Override
    public void drain() {
        // nothing buffered apart from the fuzzer's input
    }

    @Override
    public void close() {
        // nothing to close
    }
}
