package org.bookbox.provisioning;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bookbox.controller.profile.HardwareProfile;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.controller.profile.UnitSpec.NestSpec;
import org.bookbox.controller.profile.UnitSpec.ScannerSpec;
import org.bookbox.drivers.board.Board;
import org.bookbox.drivers.part.PartUnavailableException;
import org.bookbox.drivers.scanner.Scanner;

/**
 * A provisioning bundle read with the box's own scanner, with the agent stopped: the technician
 * holds the QR code (on paper or a phone) under the scanner of a unit, and the first code read is it.
 */
final class BundleScan {

    /** The scanner cannot be used, or nothing was scanned: the message says which. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private BundleScan() {
    }

    static String read(Board board, HardwareProfile profile, Optional<String> unit, Duration wait, Console c) throws Failed {
        UnitSpec at = profile.units().stream().filter(u -> u instanceof NestSpec || u instanceof LockerSpec)
                .filter(u -> unit.isEmpty() || u.name().equals(unit.get())).findFirst()
                .orElseThrow(() -> new Failed(unit.map(u -> "no unit '" + u + "' with a scanner in the profile")
                        .orElse("the profile has no unit with a scanner: paste the bundle instead")));
        ScannerSpec spec = switch (at) {
            case NestSpec n -> n.scanner();
            case LockerSpec l -> l.scanner();
            default -> throw new Failed(at.name() + " has no scanner");
        };
        CompletableFuture<String> scanned = new CompletableFuture<>();
        try (Scanner scanner = board.scanner(spec.address(), spec.suffix())) {
            scanner.onScan(text -> scanned.complete(spec.prefix() != null && text.startsWith(spec.prefix()) ? text.substring(spec.prefix().length()) : text));
            scanner.onStatus(up -> {
                if (!up) {
                    c.out().println("the scanner of " + at.name() + " went away: is it plugged in?");
                }
            });
            scanner.start();
            c.out().printf("hold the bundle's QR code under the scanner of %s (waiting %d s) ...%n", at.name(), wait.toSeconds());
            return scanned.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (PartUnavailableException e) {
            throw new Failed("the scanner of " + at.name() + " cannot be opened: " + e.getMessage());
        } catch (TimeoutException e) {
            throw new Failed("nothing was scanned at " + at.name() + " within " + wait.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new Failed("the scanner failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
    }
}
