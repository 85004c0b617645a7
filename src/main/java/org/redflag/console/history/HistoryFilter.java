package org.redflag.console.history;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the History shows: every criterion is optional and they all combine (AND). Text criteria are
 * matched literally, case-insensitively, as "contains"; they only ever reach SQL as bound parameters.
 *
 * @param agentId           only this agent's rows (the agent detail's fixed filter), or null
 * @param hostnameContains  only rows of agents whose hostname contains this, or blank
 * @param subsystem         only this subsystem (or a {@link ConsoleArea}'s word, e.g. "history"), or blank
 * @param result            only this result (success, failed, partial), or blank
 * @param from              only rows executed at or after this instant, or null
 * @param until             only rows executed before this instant, or null
 * @param outputContains    only rows whose stdout or stderr contains this, or blank
 * @param consoleErrorsOnly only errors the console recorded
 */
public record HistoryFilter(
        UUID agentId,
        String hostnameContains,
        String subsystem,
        String result,
        Instant from,
        Instant until,
        String outputContains,
        boolean consoleErrorsOnly) {

    /**
     * Shortest output search that can use the trigram index. Shorter text still works, but reads every
     * output in the other criteria's range (bounded by the page query's timeout), so the view waits for more.
     */
    public static final int MIN_OUTPUT_SEARCH = 3;

    /** Longer search text is surely a paste by mistake, and would only make the query slow. */
    public static final int MAX_SEARCH_LENGTH = 500;

    static final int FIRST_YEAR = 1;
    static final int LAST_YEAR = 9999;
    // PostgreSQL would store far wider, but no date a person picks is outside these, and pgjdbc/Java
    // disagree on calendars before year 1.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    public HistoryFilter {
        hostnameContains = blankToEmpty(hostnameContains);
        subsystem = blankToEmpty(subsystem);
        result = blankToEmpty(result);
        outputContains = outputContains == null ? "" : outputContains;
    }

    /** Everything, newest first. */
    public static HistoryFilter all() {
        return new HistoryFilter(null, "", "", "", null, null, "", false);
    }

    public static HistoryFilter forAgent(UUID agentId) {
        return all().withAgent(agentId);
    }

    public HistoryFilter withSubsystem(String wanted) {
        return new HistoryFilter(agentId, hostnameContains, wanted, result, from, until, outputContains,
                consoleErrorsOnly);
    }

    public HistoryFilter withResult(String wanted) {
        return new HistoryFilter(agentId, hostnameContains, subsystem, wanted, from, until, outputContains,
                consoleErrorsOnly);
    }

    public HistoryFilter withAgent(UUID agent) {
        return new HistoryFilter(agent, hostnameContains, subsystem, result, from, until, outputContains,
                consoleErrorsOnly);
    }

    /**
     * Why this filter cannot be run, in a sentence that says what to change; empty when it can. An empty
     * result is not a problem: a range in year 9999 simply matches nothing.
     */
    public Optional<String> problem() {
        if (outsideCalendar(from) || outsideCalendar(until)) {
            return Optional.of("A date of the time range is outside the years " + FIRST_YEAR + " to " + LAST_YEAR
                    + ". Pick a date in that range, or clear it.");
        }
        if (from != null && until != null && !until.isAfter(from)) {
            return Optional.of("The time range ends before it starts. Choose an end on or after the start, "
                    + "or clear one of the dates.");
        }
        if (hostnameContains.length() > MAX_SEARCH_LENGTH || outputContains.length() > MAX_SEARCH_LENGTH) {
            return Optional.of("The search text is longer than " + MAX_SEARCH_LENGTH
                    + " characters. Search for a shorter, distinctive part of it.");
        }
        if (hasNul(hostnameContains) || hasNul(outputContains) || hasNul(subsystem) || hasNul(result)) {
            return Optional.of("The search text contains a NUL character, which no history row can contain. "
                    + "Remove it and search again.");
        }
        return Optional.empty();
    }

    public boolean searchesOutput() {
        return !outputContains.isBlank();
    }

    private static boolean outsideCalendar(Instant instant) {
        return instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST));
    }

    private static boolean hasNul(String text) {
        return text.indexOf('\0') >= 0;
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text.strip();
    }
}
