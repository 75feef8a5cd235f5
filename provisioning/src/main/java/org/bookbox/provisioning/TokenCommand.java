package org.bookbox.provisioning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code token}: signs a token with a private JWK and prints it: service tokens, and tokens to try the simulator with. */
final class TokenCommand {

    static final Command COMMAND = new Command("token", """
            token --key KEY.jwk --iss CONSORTIUM --sub SUB --act ACT[,ACT]
                                 [--role patron|staff|technician] [--ttl SECONDS] [--max N]
                                 [--door D --hold H] [--aud A] [--jti J]""", """
            Signs a QR token (tokens.md) with a private Ed25519 JWK and prints it: a technician's service token,
            or a token to try the simulator with. --ttl defaults to 60 s, --role to patron.""",
            Set.of("key", "iss", "sub", "act", "role", "ttl", "max", "door", "hold", "aud", "jti"), Set.of(), TokenCommand::run);

    private TokenCommand() {
    }

    static Exit run(Options o, Console c) throws Options.Invalid {
        Path key = Path.of(o.required("key"));
        long now = c.clock().instant().getEpochSecond();
        long ttl;
        try {
            ttl = Long.parseLong(o.value("ttl").orElse("60"));
            JsonObject claims = new JsonObject()
                    .put("iss", o.required("iss")).put("sub", o.required("sub"))
                    .put("jti", o.value("jti").orElse(UUID.randomUUID().toString()))
                    .put("iat", now).put("exp", now + ttl)
                    .put("role", o.value("role").orElse("patron"))
                    .put("act", new JsonArray(List.of(o.required("act").split(","))));
            if (o.value("max").isPresent()) {
                claims.put("max", Integer.parseInt(o.value("max").get()));
            }
            for (String k : List.of("door", "hold", "aud")) {
                o.value(k).ifPresent(v -> claims.put(k, v));
            }
            c.out().println(TokenSigner.fromJwk(key).sign(claims));
            return Exit.OK;
        } catch (NumberFormatException e) {
            throw new Options.Invalid("--ttl and --max take whole numbers");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            c.problem("cannot sign: " + e.getMessage());
            return Exit.FAULTS;
        }
    }
}
