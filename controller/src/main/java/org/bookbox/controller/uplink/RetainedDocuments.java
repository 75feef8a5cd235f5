package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.token.TokenState;
import org.tinylog.Logger;

/**
 * The retained, signed, versioned documents the backend keeps for the box (its configuration and
 * the consortium's revocation list): each applied and stored when newer than the one stored.
 */
final class RetainedDocuments {

    /** Highest document version taken: the largest whole number JSON carries exactly (2^53 - 1). */
    static final long MAX_DOCUMENT_VERSION = 9_007_199_254_740_991L;

    private final SignedMessages signed;
    private final TokenState tokens;
    private final Consumer<BoxEvent> record;

    /** @param record records an event (the {@code lifecycle} event of a stored configuration) */
    RetainedDocuments(SignedMessages signed, TokenState tokens, Consumer<BoxEvent> record) {
        this.signed = signed;
        this.tokens = tokens;
        this.record = record;
    }

    /** @param name {@code config} or {@code revocations} */
    void arrived(String name, String payload) {
        if (payload.isBlank()) {
            return; // a cleared retained message
        }
        try {
            JsonObject doc = signed.verify(payload);
            long version = version(name, doc);
            if (name.equals("revocations")) {
                Set<String> subs = strings(doc.getValue("sub"));
                Set<String> jtis = strings(doc.getValue("jti"));
                if (tokens.applyRevocations(version, doc.getValue("iat") instanceof Number i ? i.longValue() : null, subs, jtis)) {
                    tokens.storeDocument(name, version, payload);
                    Logger.info("uplink: revocation list version {} applied ({} subs, {} jtis)", version, subs.size(), jtis.size());
                }
                return;
            }
            if (version <= tokens.documentVersion(name)) {
                return;
            }
            tokens.storeDocument(name, version, payload);
            record.accept(new BoxEvent.Lifecycle(BoxEvent.Phase.CONFIG_APPLIED, String.valueOf(version),
                    "configuration version " + version + " stored"));
        } catch (Refused e) {
            Logger.warn("uplink: {} document refused: {}", name, e.getMessage());
        } catch (JournalException e) {
            Logger.error("uplink: {} document not stored: {}", name, e.getMessage());
        }
    }

    private static long version(String name, JsonObject doc) throws Refused {
        if (!(doc.getValue("version") instanceof Number v)) {
            throw new Refused("malformed", name + " has no version");
        }
        if (!(v.doubleValue() >= 1 && v.doubleValue() <= MAX_DOCUMENT_VERSION && v.doubleValue() == Math.rint(v.doubleValue()))) {
            // a version past every later one (1e30 read as Long.MAX) would shut out every later document for good
            throw new Refused("malformed", name + " version " + v + " is not a whole number from 1 to " + MAX_DOCUMENT_VERSION);
        }
        return v.longValue();
    }

    private static Set<String> strings(Object value) throws Refused {
        Set<String> out = new HashSet<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof JsonArray a)) {
            throw new Refused("malformed", "revocation list entries must be lists");
        }
        for (Object o : a) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
