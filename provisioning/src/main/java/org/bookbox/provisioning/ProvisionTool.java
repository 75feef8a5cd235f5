package org.bookbox.provisioning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.profile.UnitSpec.DoorSpec;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.controller.profile.UnitSpec.NestSpec;
import org.bookbox.controller.trust.TrustedKeys;

/**
 * The technician's tool. {@code bookbox-provision check [--config FILE]} reads the configuration,
 * the hardware profile and the trusted keys exactly as the agent will, and prints the wiring sheet
 * to compare with the cabinet: every part, its unit and its address.
 */
public final class ProvisionTool {

    private ProvisionTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static final String USAGE = """
            usage: bookbox-provision check [--config /etc/bookbox/agent.yaml]
                   bookbox-provision status [--config /etc/bookbox/agent.yaml]     (asks the running agent)
                   bookbox-provision selftest [--config FILE] [--save REPORT.json] (asks the running agent)
                   bookbox-provision token --key KEY.jwk --iss CONSORTIUM --sub SUB --act ACT[,ACT]
                                           [--role patron|staff|technician] [--ttl SECONDS] [--max N]
                                           [--door D --hold H] [--aud A] [--jti J]""";

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("token")) {
            return token(args, out, err);
        }
        if (args.length > 0 && (args[0].equals("status") || args[0].equals("selftest"))) {
            return ask(args, out, err);
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length == 0 || !args[0].equals("check")) {
            err.println(USAGE);
            return 64;
        }
        Path config = Path.of("/etc/bookbox/agent.yaml");
        if (args.length == 3 && args[1].equals("--config")) {
            config = Path.of(args[2]);
        } else if (args.length != 1) {
            err.println(USAGE);
            return 64;
        }
        AgentConfig agent;
        HardwareProfile profile;
        TrustedKeys keys;
        try {
            agent = AgentConfigLoader.load(config);
            profile = ProfileLoader.load(agent.profile());
            keys = TrustedKeys.load(agent.trustedKeys());
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> err.println("bookbox-provision: " + p));
            return 78;
        }
        out.printf("device %s of consortium %s, library %s%n", agent.deviceId(), agent.consortiumId(), agent.libraryIsil());
        out.printf("broker %s, data in %s, %d trusted key(s)%n", agent.brokerUrl(), agent.dataDir(), keys.size());
        out.println();
        out.printf("%-18s %-8s %-28s %s%n", "unit", "kind", "part", "address");
        for (String[] row : wiring(profile)) {
            out.printf("%-18s %-8s %-28s %s%n", (Object[]) row);
        }
        out.println();
        out.println("ok: the agent will accept this configuration");
        return 0;
    }

    /** {@code status} and {@code selftest}: the running agent, found where its configuration says it listens. */
    static int ask(String[] args, PrintStream out, PrintStream err) {
        Path config = Path.of("/etc/bookbox/agent.yaml");
        Path save = Path.of("bookbox-selftest.json");
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else if (args[i].equals("--save") && i + 1 < args.length && args[0].equals("selftest")) {
                save = Path.of(args[++i]);
            } else {
                err.println(USAGE);
                return 64;
            }
        }
        AgentConfig agent;
        try {
            agent = AgentConfigLoader.load(config);
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> err.println("bookbox-provision: " + p));
            return 78;
        }
        return args[0].equals("status") ? AgentReports.status(agent, out, err) : AgentReports.selftest(agent, save, out, err);
    }

    /** Signs a token with a private JWK and prints it: service tokens, and tokens to try the simulator with. */
    static int token(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println(USAGE);
                return 64;
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("key", "iss", "sub", "act")) {
            if (!opt.containsKey(required)) {
                err.println("bookbox-provision: token needs --" + required);
                return 64;
            }
        }
        try {
            long now = Instant.now().getEpochSecond();
            JsonObject claims = new JsonObject()
                    .put("iss", opt.get("iss")).put("sub", opt.get("sub"))
                    .put("jti", opt.getOrDefault("jti", UUID.randomUUID().toString()))
                    .put("iat", now).put("exp", now + Long.parseLong(opt.getOrDefault("ttl", "60")))
                    .put("role", opt.getOrDefault("role", "patron"))
                    .put("act", new JsonArray(List.of(opt.get("act").split(","))));
            if (opt.containsKey("max")) {
                claims.put("max", Integer.parseInt(opt.get("max")));
            }
            for (String k : List.of("door", "hold", "aud")) {
                if (opt.containsKey(k)) {
                    claims.put(k, opt.get(k));
                }
            }
            out.println(TokenSigner.fromJwk(Path.of(opt.get("key"))).sign(claims));
            return 0;
        } catch (NumberFormatException e) {
            err.println("bookbox-provision: --ttl and --max take whole numbers");
            return 64;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            err.println("bookbox-provision: cannot sign: " + e.getMessage());
            return 1;
        }
    }

    /** Every part of the profile as (unit, kind, part, address) rows. */
    static List<String[]> wiring(HardwareProfile profile) {
        List<String[]> rows = new ArrayList<>();
        for (UnitSpec u : profile.units()) {
            BiConsumer<String, Object> row = (part, address) ->
                    rows.add(new String[] {u.name(), u.kind(), part, String.valueOf(address)});
            switch (u) {
                case DropBoxSpec d -> {
                    row.accept("chute eye", d.chuteEye());
                    d.chuteAntennas().forEach(a -> row.accept("chute antenna", a));
                    row.accept("intake flap lock", d.flap().address());
                    d.bins().forEach(b -> b.fullSensor().ifPresent(s -> row.accept("bin '" + b.name() + "' full", s)));
                    d.sorter().ifPresent(s -> row.accept("sorter (on = " + s.onBin() + ")", s.address()));
                }
                case NestSpec n -> row.accept("scanner", n.scanner().address());
                case LockerSpec l -> row.accept("scanner", l.scanner().address());
            }
            for (DoorSpec d : u.doors()) {
                row.accept("door " + d.name() + " lock (" + d.lock().maxOn().toMillis() + " ms)", d.lock().address());
                row.accept("door " + d.name() + " sensor", d.sensor());
                d.antennas().forEach(a -> row.accept("door " + d.name() + " antenna", a));
            }
            u.indicator().ifPresent(i -> row.accept("indicator", i));
        }
        return rows;
    }
}
