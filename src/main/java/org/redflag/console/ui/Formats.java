package org.redflag.console.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How times read in the views: relative where a glance matters, absolute in tooltips and details. */
public final class Formats {

    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private Formats() {
    }

    /** "just now", "4 min ago", "3 h ago", "12 d ago", or "never". */
    public static String ago(Instant then, Clock clock) {
        if (then == null) {
            return "never";
        }
        Duration age = Duration.between(then, clock.instant());
        if (age.isNegative() || age.toSeconds() < 60) {
            return "just now";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + " min ago";
        }
        if (age.toHours() < 48) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " d ago";
    }

    public static String absolute(Instant instant, Clock clock) {
        return instant == null ? "" : ABSOLUTE.format(instant.atZone(zone(clock)));
    }

    /** "12:03": when something happened today, at a glance. */
    /** Sizes in binary units, never more than four digits: "512 GiB", "3.0 TiB". */
    public static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : value >= 100 ? String.format(java.util.Locale.ROOT, "%.0f %s", value, units[unit])
                : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    public static String clockTime(Instant instant, Clock clock) {
        return instant == null ? "" : CLOCK_TIME.format(instant.atZone(zone(clock)));
    }

    private static ZoneId zone(Clock clock) {
        return clock.getZone();
    }

    /** "8 s", "2 min 5 s", "1 h 3 min": how long a scan ran; empty when unknown. */
    public static String duration(Integer seconds) {
        if (seconds == null) {
            return "";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /** The first line of an output, for a table cell; empty for none. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
