package org.redflag.console.history;

import java.util.Arrays;
import java.util.List;

/**
 * The parts of the console an error can happen in. The error door records one of these words as a console
 * error's area (its history row's subsystem, or "area" in its stdout on RedFlag), and the History's subsystem
 * filter offers the very same words, so an error the console recorded can always be found by area. Before
 * this was one list, scan errors were written as "scan" while the filter offered "scans", and matched nothing.
 */
public enum ConsoleArea {
    CONSOLE("console"),
    AGENTS("agents"),
    HISTORY("history"),
    MIGRATIONS("migrations"),
    /** The Operations view: cancels, retries and archives of many commands at once. */
    OPERATIONS("operations"),
    // "scan", not "scans": every scan error already recorded says "scan", and still matches.
    SCAN("scan"),
    STARTUP("startup"),
    // Installing pending updates from the Updates view.
    INSTALL("install");

    private final String word;

    ConsoleArea(String word) {
        this.word = word;
    }

    /** What the history row keeps and the filter offers. */
    public String word() {
        return word;
    }

    /** Every area's word, in declaration order. */
    public static List<String> words() {
        return Arrays.stream(values()).map(ConsoleArea::word).toList();
    }

    @Override
    public String toString() {
        return word;
    }
}
