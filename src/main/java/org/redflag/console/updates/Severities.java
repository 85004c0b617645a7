package org.redflag.console.updates;

import java.util.List;

/** The severities both schemas admit for a pending package, most severe first: the order of the Updates view. */
public final class Severities {

    /** critical … low (console V1's severity_level, RedFlag 003's current_package_state check). */
    public static final List<String> ORDER = List.of("critical", "important", "moderate", "low");

    private Severities() {
    }

    /** 1 for critical … 4 for low: where a severity stands in {@link #ORDER}. */
    public static int rank(String severity) {
        return ORDER.indexOf(severity) + 1;
    }
}
