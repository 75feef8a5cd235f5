package org.bookbox.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * {@code check}: reads the configuration, the hardware profile and the trusted keys exactly as the
 * agent will, and prints the wiring sheet to compare with the cabinet: every part, its unit and its address.
 */
final class Check {

    static final Command COMMAND = new Command("check", "check [--config /etc/bookbox/agent.yaml]", """
            Reads the agent configuration, its hardware profile and trusted keys as the agent will, names every
            problem with its file and line, and prints the wiring sheet (unit, part, address) to compare with the
            cabinet. Exit 0: the agent will accept it; 78: it will not.""",
            Set.of("config"), Set.of(), Check::run);

    private Check() {
    }

    static Exit run(Options o, Console c) {
        AgentConfig agent;
        HardwareProfile profile;
        TrustedKeys keys;
        try {
            agent = AgentConfigLoader.load(o.path("config", ProvisionTool.CONFIG));
            profile = ProfileLoader.load(agent.profile());
            keys = TrustedKeys.load(agent.trustedKeys());
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> c.problem(p.toString()));
            return Exit.CONFIG;
        }
        c.out().printf("device %s of consortium %s, library %s%n", agent.deviceId(), agent.consortiumId(), agent.libraryIsil());
        c.out().printf("broker %s, data in %s, %d trusted key(s)%n", agent.brokerUrl(), agent.dataDir(), keys.size());
        c.out().println();
        c.out().printf("%-18s %-8s %-28s %s%n", "unit", "kind", "part", "address");
        for (String[] row : wiring(profile)) {
            c.out().printf("%-18s %-8s %-28s %s%n", (Object[]) row);
        }
        c.out().println();
        c.out().println("ok: the agent will accept this configuration");
        return Exit.OK;
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
