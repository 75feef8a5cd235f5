package org.bookbox.controller.unit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import org.bookbox.drivers.rfid.FieldReader.TagRead;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;

/** Items as the contract writes them in events. */
public final class Items {

    private Items() {
    }

    /**
     * {@code {"id", "owner", "uid"}} plus {@code set} for part of a set. A tag that says nothing
     * readable carries {@code id: null} and a {@code reason} ({@code unreadable} or {@code bad_data})
     * with the decoder's {@code detail}.
     */
    public static JsonObject json(TagRead read) {
        JsonObject o = new JsonObject();
        if (read.decoding() != null && read.decoding().ok()) {
            LibraryItem item = read.decoding().item();
            o.put("id", item.itemId()).put("owner", item.ownerIsil()).put("uid", read.uid().hex());
            if (item.partOfSet()) {
                o.put("set", new JsonObject().put("part", item.partNumber()).put("of", item.partsInItem()));
            }
            if (read.decoding().problem() != null) {
                o.put("detail", read.decoding().problem()); // the owner could not be read: owner null, and why
            }
        } else {
            o.put("id", null).put("owner", null).put("uid", read.uid().hex())
                    .put("reason", read.unreadable() ? "unreadable" : "bad_data")
                    .put("detail", read.problem());
        }
        return o;
    }

    public static JsonArray json(Collection<TagRead> reads) {
        JsonArray a = new JsonArray();
        reads.forEach(r -> a.add(json(r)));
        return a;
    }
}
