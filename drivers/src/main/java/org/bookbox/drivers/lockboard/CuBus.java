package org.bookbox.drivers.lockboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.bookbox.drivers.part.TimeOuts;
import org.bookbox.drivers.serial.SerialLink;

/**
 * One RS-485 line with one or more CU boards on it (19200 8N1). One request at a time: the line is
 * half-duplex. A time-out or a garbled reply is retried once; then that board counts as not
 * answering, and only its compartments are affected.
 */
public final class CuBus implements AutoCloseable {

    static final int REPLY_LENGTH = 9;

    private final String name;
    private final SerialLink.Opener opener;
    private final int timeoutMs;
    private final TimeOuts timeOuts;
    private SerialLink link;

    public CuBus(String name, SerialLink.Opener opener, int timeoutMs) {
        this(name, opener, timeoutMs, new TimeOuts());
    }

    /** @param timeOuts where each exchange without an answer in time is counted (the board's) */
    public CuBus(String name, SerialLink.Opener opener, int timeoutMs, TimeOuts timeOuts) {
        this.name = name;
        this.opener = opener;
        this.timeoutMs = timeoutMs;
        this.timeOuts = timeOuts;
    }

    /** Asks a board to unlock one lock; the board holds it for its own unlock time. */
    public synchronized BoardStatus unlock(int board, int lock) throws LockBoardException {
        return BoardStatus.of(transact(new CuFrame(CuFrame.address(board, lock), CuFrame.UNLOCK, new byte[0])).data());
    }

    public synchronized BoardStatus status(int board) throws LockBoardException {
        return BoardStatus.of(transact(new CuFrame(CuFrame.address(board, 1), CuFrame.STATUS, new byte[0])).data());
    }

    /** Sets how long the board energises a lock on unlock, in 10 ms steps: the profile's pulse. */
    public synchronized void unlockTime(int board, int millis) throws LockBoardException {
        int units = Math.max(1, millis / 10);
        transact(new CuFrame(CuFrame.address(board, 1), CuFrame.SET_UNLOCK_TIME, new byte[] {(byte) (units >>> 8), (byte) units}));
    }

    private CuFrame transact(CuFrame request) throws LockBoardException {
        String problem = "no answer";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (link == null) {
                    link = opener.open();
                }
                link.drain();
                link.write(request.encode());
                byte[] reply = readFrame(link);
                if (reply == null) {
                    timeOuts.lockBoard();
                    problem = "board " + request.board() + " did not answer within " + timeoutMs + " ms";
                    continue;
                }
                CuFrame answer = CuFrame.decode(reply);
                if (answer.address() >>> 4 != request.board() || answer.command() != request.command()) {
                    problem = "answer " + answer + " is not for " + request;
                    continue;
                }
                return answer;
            } catch (IllegalArgumentException e) {
                problem = "garbled answer from board " + request.board() + ": " + e.getMessage();
            } catch (IOException e) {
                problem = "line lost: " + e.getMessage();
                if (link != null) {
                    link.close();
                    link = null;
                }
            }
        }
        throw new LockBoardException(name + ": " + problem);
    }

    /**
     * Every reply is a status reply of its board (UNCONFIRMED for unlock and set-unlock-time, see
     * README): nine bytes, {@code 02 addr cmd h1 h2 i1 i2 03 sum}. Reading by length, not by looking
     * for ETX, since a contact byte may itself be 03. Null on time-out.
     */
    private byte[] readFrame(SerialLink l) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[REPLY_LENGTH];
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (got.size() < REPLY_LENGTH) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            int n = l.read(chunk, (int) left);
            got.write(chunk, 0, Math.min(n, REPLY_LENGTH - got.size()));
            byte[] sofar = got.toByteArray();
            if (sofar.length > 0 && (sofar[0] & 0xFF) != CuFrame.STX) {
                throw new IllegalArgumentException("answer does not start with STX: " + HexFormat.of().formatHex(sofar));
            }
        }
        return got.toByteArray();
    }

    @Override
    public synchronized void close() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
