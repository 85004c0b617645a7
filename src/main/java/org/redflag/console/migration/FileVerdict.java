package org.redflag.console.migration;

import java.util.List;

/**
 * The replay's verdict on one recorded file.
 *
 * @param effects how many objects the file makes that the last recorded state still has (0: data only)
 * @param missing keys of its objects missing in the database (FALSE COMPLETE)
 * @param drifted keys of its objects present but different (DRIFTED)
 */
public record FileVerdict(String migration, Verdict verdict, int effects, List<String> missing, List<String> drifted,
        String sentence) {

    /** The verdicts; there is no "not checked": every recorded file with a script is replayed. */
    public enum Verdict {
        EFFECTS_PRESENT("effects present"),
        FALSE_COMPLETE("FALSE COMPLETE"),
        DRIFTED("drifted"),
        /** Recorded, but no script for it was given (or it failed on replay): its effects are unknown. */
        NOT_REPLAYED("not replayed");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public FileVerdict {
        missing = List.copyOf(missing);
        drifted = List.copyOf(drifted);
    }
}
