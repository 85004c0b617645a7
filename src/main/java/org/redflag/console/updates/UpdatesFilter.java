package org.redflag.console.updates;

import java.util.Locale;

/**
 * What the Updates view lists: one severity or all (null), and packages whose name contains a text (blank: all).
 */
public record UpdatesFilter(String severity, String nameContains) {

    public static final UpdatesFilter ALL = new UpdatesFilter(null, null);

    public UpdatesFilter {
        severity = severity == null || severity.isBlank() ? null : severity.strip().toLowerCase(Locale.ROOT);
        if (severity != null && !Severities.ORDER.contains(severity)) {
            throw new IllegalArgumentException("Unknown severity \"" + severity + "\"; one of " + Severities.ORDER);
        }
    }
}
