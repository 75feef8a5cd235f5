package org.bookbox.simulator.lockboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bookbox.drivers.lockboard.BoardStatus;
import org.bookbox.drivers.lockboard.CuFrame;

/**
 * CU boards in software on the device side of an RS-485 line (a pseudo-terminal in tests). Each
 * board keeps its locks' hook contacts and presence sensors; an unlock pops a healthy door open (its
 * hook bit goes to "open"), unless that lock is jammed. Faults: a board that stops answering, a
 * garbled reply.
 */
public final class CuBoardSimulator implements Runnable {

    /** How many request frames are kept for tests to look at. */
    public static final int KEPT = 4096;

    private final InputStream in;
    private final OutputStream out;
    private final ConcurrentHashMap<Integer, int[]> boards = new ConcurrentHashMap<>();
    private final Set<Integer> silent = ConcurrentHashMap.newKeySet();
    private final Set<Integer> jammed = ConcurrentHashMap.newKeySet();
    /** The last request frames, oldest first: bounded, as a simulated box may run for days (a list copied on each add cost a burst most of its time). */
    private final Deque<byte[]> received = new ArrayDeque<>();
    private final boolean openBitSet;
    private volatile int garble;

    /** @param openBitSet whether a hook bit of 1 means open (the polarity the profile states) */
    public CuBoardSimulator(InputStream in, OutputStream out, Set<Integer> boardNumbers, boolean openBitSet) {
        this.in = in;
        this.out = out;
        this.openBitSet = openBitSet;
        for (int b : boardNumbers) {
            boards.put(b, new int[] {openBitSet ? 0 : 0xFFFF, 0}); // every door closed, nothing inside
        }
    }

    /** The request frames received, byte for byte, oldest first (the last {@link #KEPT}). */
    public List<byte[]> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Forgets the frames received so far. */
    public void clearReceived() {
        synchronized (received) {
            received.clear();
        }
    }

    public void silent(int board, boolean value) {
        if (value) {
            silent.add(board);
        } else {
            silent.remove(board);
        }
    }

    /** A lock whose bolt does not move: unlocks are answered, the door stays shut. */
    public void jammed(int board, int lock, boolean value) {
        if (value) {
            jammed.add(board * 100 + lock);
        } else {
            jammed.remove(board * 100 + lock);
        }
    }

    public void garble(int n) {
        garble = n;
    }

    /** A person closes (or opens) a compartment door. */
    public void door(int board, int lock, boolean open) {
        boards.computeIfPresent(board, (b, s) -> {
            int bit = 1 << (lock - 1);
            s[0] = (open == openBitSet) ? s[0] | bit : s[0] & ~bit;
            return s;
        });
    }

    /** Something is (or is not) in a compartment, as its presence sensor sees. */
    public void presence(int board, int lock, boolean present) {
        boards.computeIfPresent(board, (b, s) -> {
            int bit = 1 << (lock - 1);
            s[1] = present ? s[1] | bit : s[1] & ~bit;
            return s;
        });
    }

    @Override
    public void run() {
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                if (b != CuFrame.STX) {
                    continue;
                }
                byte[] head = {(byte) b, (byte) in.read(), (byte) in.read()};
                // only set-unlock-time carries data (two bytes); the length follows from the command
                byte[] rest = in.readNBytes((head[2] & 0xFF) == CuFrame.SET_UNLOCK_TIME ? 4 : 2);
                byte[] f = new byte[3 + rest.length];
                System.arraycopy(head, 0, f, 0, 3);
                System.arraycopy(rest, 0, f, 3, rest.length);
                synchronized (received) {
                    received.addLast(f.clone());
                    if (received.size() > KEPT) {
                        received.removeFirst();
                    }
                }
                CuFrame request;
                try {
                    request = CuFrame.decode(f);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                int[] state = boards.get(request.board());
                if (state == null || silent.contains(request.board())) {
                    continue;
                }
                if (request.command() == CuFrame.UNLOCK) {
                    int lock = (request.address() & 0x0F) + 1;
                    if (!jammed.contains(request.board() * 100 + lock)) {
                        door(request.board(), lock, true);
                    }
                }
                byte[] reply = new CuFrame(request.address(), request.command(), new BoardStatus(state[0], state[1]).bytes()).encode();
                if (garble > 0) {
                    garble--;
                    reply[reply.length - 1] ^= 0x55;
                }
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // the line closed
        }
    }
}
