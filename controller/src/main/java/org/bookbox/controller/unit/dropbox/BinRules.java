package org.bookbox.controller.unit.dropbox;

import java.util.Optional;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.profile.UnitSpec.SortingSpec;
import org.bookbox.controller.unit.Items;

/**
 * Which bin a returned item goes to: the profile's owner rules, this library's own items, the
 * rest. Items of other members travel home, so they go to the transit bin.
 */
public final class BinRules {

    private final DropBoxSpec spec;
    private final String libraryIsil;

    public BinRules(DropBoxSpec spec, String libraryIsil) {
        this.spec = spec;
        this.libraryIsil = libraryIsil;
    }

    /** The bin for an item of this owner (null when unknown); null when the box has no bins to choose from. */
    public String binFor(String ownerIsil) {
        Optional<SortingSpec> sorting = spec.sorting();
        if (sorting.isEmpty()) {
            return spec.bins().size() == 1 ? spec.bins().get(0).name() : null;
        }
        SortingSpec s = sorting.get();
        if (ownerIsil != null) {
            String byOwner = s.byOwner().get(ownerIsil);
            if (byOwner != null) {
                return byOwner;
            }
            if (s.ownLibrary().isPresent() && ownerIsil.equalsIgnoreCase(libraryIsil)) {
                return s.ownLibrary().get();
            }
        }
        return s.otherwise();
    }

    /** The bin items fall into when nothing is known of them. */
    public String defaultBin() {
        return binFor(null);
    }

    /** The sorter's output for a bin: on for its {@code on} bin. */
    public boolean sorterOn(String bin) {
        return spec.sorter().map(s -> s.onBin().equals(bin)).orElse(false);
    }
}
