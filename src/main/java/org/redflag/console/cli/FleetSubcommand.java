package org.redflag.console.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.scan.ScanRefused;

/**
 * What {@code agents}, {@code history} and {@code scan} share: the database options, --json, opening the
 * database as {@code check} does, and turning every way of not getting an answer into one sentence on stderr
 * and exit code 2.
 */
abstract class FleetSubcommand extends DatabaseSubcommand {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 10_000;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    FleetSubcommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    /** A sentence when the options cannot be used as given, checked before the database is opened. */
    @Override
    abstract Optional<String> inputProblem();

    @Override
    abstract int run(ConsoleContext context, PrintWriter out) throws SQLException, Refusal, ScanRefused;

    /** The command cannot do what was asked; the message is the sentence for the user. Nothing was written. */
    static final class Refusal extends Exception {
        Refusal(String message) {
            super(message);
        }
    }

    static Optional<String> limitProblem(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Optional.of("--limit must be between 1 and " + MAX_LIMIT + " (it was " + limit + "); "
                    + "use --search or the other filters to narrow a larger list.");
        }
        return Optional.empty();
    }

    /**
     * A text option that was given but says nothing ({@code whenBlank} is the sentence for that), or that
     * carries a NUL no database row can hold.
     */
    static Optional<String> textProblem(String option, String value, String whenBlank) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            return Optional.of(whenBlank);
        }
        if (value.indexOf('\0') >= 0) {
            return Optional.of(option + " contains a NUL character, which no name in the database can contain.");
        }
        return Optional.empty();
    }

    /** An instant in the clock's time zone, or "never". */
    String dateTime(Instant instant) {
        return instant == null ? "never" : DATE_TIME.format(instant.atZone(clock.getZone()));
    }

    /** The time of day for an instant of today (in the clock's zone), else date and time. */
    String timeOfDay(Instant instant) {
        ZonedDateTime at = instant.atZone(clock.getZone());
        return at.toLocalDate().equals(LocalDate.now(clock)) ? TIME.format(at) : DATE_TIME.format(at);
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details were given";
        }
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
