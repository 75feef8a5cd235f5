package org.bookbox.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bookbox.controller.api.HttpError;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.iso28560.DanishDataModel;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.bookbox.drivers.rfid.iso28560.ObjectDataModel;
import org.bookbox.simulator.rfid.SimulatedTag;
import org.bookbox.simulator.rfid.TagField;

/** Tags as the simulator's controls make and show them: from an item or raw memory, as JSON. */
final class SimulatedTags {

    /** A returned book leaves the library with security off: AFI "on loan". */
    private static final int AFI_ON_LOAN = 0xC2;

    private SimulatedTags() {
    }

    static SimulatedTag make(JsonObject o) {
        try {
            byte[] memory;
            if (o.containsKey("memory")) {
                memory = HexFormat.of().parseHex(o.getString("memory").replace(" ", ""));
            } else {
                String item = o.getString("item");
                if (item == null) {
                    throw HttpError.badRequest("a tag needs 'item' (with 'owner') or raw 'memory' in hex");
                }
                int parts = o.getInteger("parts", 1);
                LibraryItem li = new LibraryItem(o.getInteger("usage", LibraryItem.USAGE_CIRCULATING), parts, o.getInteger("part", 1),
                        item, o.getString("owner"));
                // the data model the tag is written in: ISO 28560-3 (the default) or ISO 28560-2
                memory = switch (o.getString("model", "28560-3")) {
                    case "28560-3" -> DanishDataModel.encode(li);
                    case "28560-2" -> {
                        byte[] m = ObjectDataModel.encode(li);
                        yield Arrays.copyOf(m, Math.max(32, (m.length + 3) / 4 * 4));
                    }
                    default -> throw HttpError.badRequest("'model' is 28560-3 or 28560-2");
                };
            }
            TagUid uid = o.containsKey("uid") ? TagUid.parse(o.getString("uid")) : uidFor(memory);
            return new SimulatedTag(uid, memory, o.getInteger("afi", AFI_ON_LOAN))
                    .unreadable(o.getBoolean("unreadable", false))
                    .refusesWrites(o.getBoolean("refuses_writes", false));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw HttpError.badRequest("bad tag: " + e.getMessage());
        }
    }


    /** A stable UID for the same memory, so that a documented curl session gives the same UIDs every time. */
    private static TagUid uidFor(byte[] memory) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(memory);
            long v = 0xE004010000000000L;
            for (int i = 0; i < 5; i++) {
                v |= (h[i] & 0xFFL) << (32 - 8 * i);
            }
            return new TagUid(v);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


    static JsonObject field(TagField a) {
        JsonArray tags = new JsonArray();
        a.tags().forEach(t -> tags.add(state(t)));
        return new JsonObject().put("offline", a.offline()).put("tags", tags);
    }


    static JsonObject state(SimulatedTag t) {
        return new JsonObject().put("uid", t.uid().hex()).put("afi", t.afi())
                .put("memory", HexFormat.of().formatHex(t.memory()))
                .put("unreadable", t.unreadable()).put("refuses_writes", t.refusesWrites());
    }
}
