package org.redflag.console.ui.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;

/**
 * The History's time range: a date and an optional time of day at each end, as typed, picked or set by a
 * preset. Text that cannot be read is a rejection of that end: the end is left out of the query, and the
 * screen says so, so what the screen shows is what was queried.
 */
final class HistoryDateRange {

    enum Side { FROM, TO }

    /** Ranges that end now, from the injected clock; ALL clears the range. */
    enum Preset {
        ALL("All dates", null),
        LAST_HOUR("Last hour", Duration.ofHours(1)),
        LAST_24_HOURS("Last 24 hours", Duration.ofHours(24)),
        LAST_7_DAYS("Last 7 days", Duration.ofDays(7));

        final String label;
        final Duration length;

        Preset(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Text the admin typed that is not a date or time, and the sentence that says so. */
    record Rejection(String input, String sentence, boolean inTimeField) {
    }

    private final Clock clock;
    private final ErrorReporter errors;
    private final UUID agentId;
    private final Runnable reload;
    private boolean applyingPreset;
    private Locale locale = Locale.getDefault(Locale.Category.FORMAT);

    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>(this, "fromDate");
    private final ObjectProperty<LocalDate> toDate = new SimpleObjectProperty<>(this, "toDate");
    private final ObjectProperty<LocalTime> fromTime = new SimpleObjectProperty<>(this, "fromTime");
    private final ObjectProperty<LocalTime> toTime = new SimpleObjectProperty<>(this, "toTime");
    private final ReadOnlyObjectWrapper<Rejection> fromRejected = new ReadOnlyObjectWrapper<>(this, "fromRejected");
    private final ReadOnlyObjectWrapper<Rejection> toRejected = new ReadOnlyObjectWrapper<>(this, "toRejected");

    /** @param reload queries again: after a rejection (the value may not change, what is queried does) */
    HistoryDateRange(Clock clock, ErrorReporter errors, UUID agentId, Runnable reload) {
        this.reload = reload;
        this.clock = clock;
        this.errors = errors;
        this.agentId = agentId;
        // Picking a date from the calendar replaces whatever unreadable text was there.
        fromDate.addListener((obs, old, date) -> clearIf(date != null, fromRejected));
        toDate.addListener((obs, old, date) -> clearIf(date != null, toRejected));
    }

    /**
     * The admin typed {@code text} in a date field: sets that end's date (and time, when the text has one).
     * Unreadable text is rejected instead: recorded once, and the end's date cleared, so the previous date
     * is not queried while the field shows something else. Blank text clears the end.
     */
    void typeDate(Side side, String text) {
        DateTimeInput.Reading reading = DateTimeInput.date(text, locale);
        if (!reading.readable()) {
            reject(side, new Rejection(text.strip(), reading.problem(), false));
            date(side).set(null);
            return;
        }
        boolean wasRejected = clearRejection(side, false);
        date(side).set(reading.date());
        if (reading.time() != null) {
            time(side).set(reading.time());
        }
        reloadIf(wasRejected);
    }

    /** As {@link #typeDate}, for the time-of-day field beside a date. */
    void typeTime(Side side, String text) {
        DateTimeInput.Reading reading = DateTimeInput.time(text);
        if (!reading.readable()) {
            reject(side, new Rejection(text.strip(), reading.problem(), true));
            return;
        }
        boolean wasRejected = clearRejection(side, true);
        time(side).set(reading.time());
        reloadIf(wasRejected);
    }

    /** Sets the range from the clock and queries once, however many inputs the preset changed. */
    void apply(Preset preset) {
        applyingPreset = true;
        try {
            set(preset);
        } finally {
            applyingPreset = false;
        }
        reload.run();
    }

    /**
     * Shows the range [from, until) in the inputs without querying (the caller queries once for all its inputs):
     * each end to the minute in the clock's zone, the end as the last minute it includes, a whole day as a date
     * alone. Null clears that end.
     */
    void show(Instant from, Instant until) {
        applyingPreset = true;
        try {
            fromRejected.set(null);
            toRejected.set(null);
            ZonedDateTime start = from == null ? null : from.atZone(clock.getZone()).truncatedTo(ChronoUnit.MINUTES);
            fromDate.set(start == null ? null : start.toLocalDate());
            fromTime.set(start == null || start.toLocalTime().equals(LocalTime.MIDNIGHT) ? null : start.toLocalTime());
            ZonedDateTime end = until == null ? null : until.atZone(clock.getZone()).truncatedTo(ChronoUnit.MINUTES);
            boolean wholeDay = end != null && end.toLocalTime().equals(LocalTime.MIDNIGHT);
            toDate.set(end == null ? null : wholeDay ? end.toLocalDate().minusDays(1) : end.toLocalDate());
            toTime.set(end == null || wholeDay ? null : end.minusMinutes(1).toLocalTime());
        } finally {
            applyingPreset = false;
        }
    }

    /** True while a preset changes the inputs, so their listeners do not query once per input. */
    boolean applyingPreset() {
        return applyingPreset;
    }

    private void set(Preset preset) {
        fromRejected.set(null);
        toRejected.set(null);
        toDate.set(null);
        toTime.set(null);
        if (preset.length == null) {
            fromDate.set(null);
            fromTime.set(null);
            return;
        }
        // To the minute, as the time field shows it; the open end takes in what arrives while it is shown.
        ZonedDateTime start = ZonedDateTime.now(clock).minus(preset.length).truncatedTo(ChronoUnit.MINUTES);
        fromDate.set(start.toLocalDate());
        fromTime.set(start.toLocalTime());
    }

    /** The start to query, or null: a rejected end is no end at all, as the summary says. */
    Instant from() {
        LocalDate date = fromDate.get();
        if (date == null || fromRejected.get() != null) {
            return null;
        }
        LocalTime time = fromTime.get() == null ? LocalTime.MIDNIGHT : fromTime.get();
        return date.atTime(time).atZone(clock.getZone()).toInstant();
    }

    /** The end to query (exclusive): a whole day, or a time of day including its minute, as both ends are. */
    Instant until() {
        LocalDate date = toDate.get();
        if (date == null || toRejected.get() != null) {
            return null;
        }
        ZonedDateTime end = toTime.get() == null ? date.plusDays(1).atStartOfDay(clock.getZone())
                : date.atTime(toTime.get()).plusMinutes(1).atZone(clock.getZone());
        return end.toInstant();
    }

    /** The sentence for the field, or "" when every input was read. */
    String problem() {
        Rejection first = fromRejected.get() != null ? fromRejected.get() : toRejected.get();
        return first == null ? "" : first.sentence();
    }

    /** What the summary says about ignored input, e.g. "date ignored: '2026-13-45' · ", or "". */
    String ignoredNote() {
        StringBuilder note = new StringBuilder();
        for (Rejection rejection : new Rejection[] {fromRejected.get(), toRejected.get()}) {
            if (rejection != null) {
                note.append(rejection.inTimeField() ? "time ignored: '" : "date ignored: '")
                        .append(rejection.input()).append("' · ");
            }
        }
        return note.toString();
    }

    /** Clears the side's rejection if it was of this field: a good time does not excuse a bad date. */
    private boolean clearRejection(Side side, boolean timeField) {
        Rejection current = rejected(side).get();
        if (current == null || current.inTimeField() != timeField) {
            return false;
        }
        rejected(side).set(null);
        return true;
    }

    private void reject(Side side, Rejection rejection) {
        ReadOnlyObjectWrapper<Rejection> rejected = rejected(side);
        // A picker reads its text on Enter and again when it loses focus: one mistake is one history row.
        boolean same = rejection.equals(rejected.get());
        rejected.set(rejection);
        if (!same) {
            errors.report(ConsoleArea.HISTORY, "History filter: " + rejection.sentence(), null, agentId);
        }
        reloadIf(!same);
    }

    /** Only when what is queried changed without a date changing (a date's change queries by itself). */
    private void reloadIf(boolean changed) {
        if (changed) {
            reload.run();
        }
    }

    private static void clearIf(boolean condition, ReadOnlyObjectWrapper<Rejection> rejected) {
        if (condition) {
            rejected.set(null);
        }
    }

    private ReadOnlyObjectWrapper<Rejection> rejected(Side side) {
        return side == Side.FROM ? fromRejected : toRejected;
    }

    ObjectProperty<LocalDate> date(Side side) {
        return side == Side.FROM ? fromDate : toDate;
    }

    ObjectProperty<LocalTime> time(Side side) {
        return side == Side.FROM ? fromTime : toTime;
    }

    ReadOnlyObjectProperty<Rejection> rejectedProperty(Side side) {
        return rejected(side).getReadOnlyProperty();
    }

    /** For tests: the locale's short format is read as well as ISO. */
    void useLocale(Locale wanted) {
        locale = wanted;
    }

    Locale locale() {
        return locale;
    }
}
