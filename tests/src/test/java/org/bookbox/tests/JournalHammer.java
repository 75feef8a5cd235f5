package org.bookbox.tests;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;

/**
 * A child process that appends to a journal as fast as it can and prints each seq once its append
 * has returned, until it is killed. The parent kills it with SIGKILL at a moment of its choosing.
 */
public final class JournalHammer {

    public static void main(String[] args) throws Exception {
        try (Journal journal = Journal.open(Path.of(args[0]), Clock.systemUTC(), () -> true)) {
            System.out.println("open " + journal.lastSeq());
            System.out.flush();
            for (long i = 0; ; i++) {
                RecordedEvent e = journal.append("return", new JsonObject().put("unit", "hammer").put("n", i)
                        .put("item", new JsonObject().put("id", "item-" + i).put("owner", "DE-705").put("uid", "e0040100000000aa")));
                System.out.println(e.seq() + " " + e.id());
                System.out.flush();
            }
        }
    }
}
