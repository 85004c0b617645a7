package org.redflag.console.bench;

import java.util.Locale;

/** The report's number formats, one place for all its tables (Locale.ROOT: the same report on every machine). */
final class Figures {

    private Figures() {
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    static String perSecond(long count, double seconds) {
        return seconds <= 0 || count <= 0 ? "" : String.format(Locale.ROOT, "%,.0f", count / seconds);
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1024.0 / 1024.0);
    }

    static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%+,.0f KB", bytes / 1024.0);
    }
}
