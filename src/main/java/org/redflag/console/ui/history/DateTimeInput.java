package org.redflag.console.ui.history;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a date (and optionally a time of day) the way the admin types it: as the console shows dates
 * (2026-11-20, 2026-11-20 14:30) or in the locale's short format. It never throws: text it cannot read is
 * answered with a sentence, because a typo is not a fault and must not reach the error door as a stack trace.
 */
final class DateTimeInput {

    /** What the text said: a date (and maybe a time), nothing (blank), or why it cannot be read. */
    record Reading(LocalDate date, LocalTime time, String problem) {
        static final Reading BLANK = new Reading(null, null, null);

        boolean readable() {
            return problem == null;
        }
    }

    /** How the console shows a date everywhere (tables, exports), so the picker shows it the same way. */
    static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private static final LocalDate EXAMPLE = LocalDate.of(2026, 11, 20);
    private static final Pattern TRAILING_TIME = Pattern.compile("^(.*?)(?:[ T]+)(\\d{1,2}:\\d{2})$");
    // STRICT, so 2026-02-30 or 25:00 are refused instead of being quietly moved to another day or hour.
    private static final DateTimeFormatter TIME_INPUT = DateTimeFormatter.ofPattern("H:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    private DateTimeInput() {
    }

    static Reading date(String text, Locale locale) {
        String input = text == null ? "" : text.strip();
        if (input.isEmpty()) {
            return Reading.BLANK;
        }
        String datePart = input;
        String timePart = null;
        Matcher withTime = TRAILING_TIME.matcher(input);
        if (withTime.matches()) {
            datePart = withTime.group(1).strip();
            timePart = withTime.group(2);
        }
        LocalDate date = parseDate(datePart, locale);
        LocalTime time = timePart == null ? null : parseTime(timePart);
        if (date == null || (timePart != null && time == null)) {
            return new Reading(null, null, "'" + input + "' is not a date the console can read. Type it as "
                    + ISO_DATE.format(EXAMPLE) + " or " + ISO_DATE.format(EXAMPLE) + " 14:30 (or "
                    + localShort(locale, false).format(EXAMPLE) + "), or pick it from the calendar.");
        }
        return new Reading(date, time, null);
    }

    static Reading time(String text) {
        String input = text == null ? "" : text.strip();
        if (input.isEmpty()) {
            return Reading.BLANK;
        }
        LocalTime time = parseTime(input);
        if (time == null) {
            return new Reading(null, null, "'" + input + "' is not a time of day. Type it as 14:30 (hours 0 to 23),"
                    + " or leave it empty for the whole day.");
        }
        return new Reading(null, time, null);
    }

    private static LocalDate parseDate(String text, Locale locale) {
        for (DateTimeFormatter format : List.of(ISO_DATE, localShort(locale, false), localShort(locale, true))) {
            try {
                return LocalDate.parse(text, format);
            } catch (DateTimeParseException notThisFormat) {
                // The next format may read it; only when none does is it a problem, said as a sentence.
            }
        }
        return null;
    }

    private static LocalTime parseTime(String text) {
        try {
            return LocalTime.parse(text, TIME_INPUT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The locale's short date, e.g. M/d/yy or dd.MM.yy; with {@code fourDigitYear} also 11/20/2026, which
     * people type although the short format would show 26.
     */
    static DateTimeFormatter localShort(Locale locale, boolean fourDigitYear) {
        String pattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.SHORT, null,
                IsoChronology.INSTANCE, locale);
        // 'u' (proleptic year) rather than 'y' (year of era): STRICT cannot resolve a year of era without an era.
        String strict = fourDigitYear ? pattern.replaceAll("y+", "uuuu") : pattern.replace('y', 'u');
        return DateTimeFormatter.ofPattern(strict, locale).withResolverStyle(ResolverStyle.STRICT);
    }
}
