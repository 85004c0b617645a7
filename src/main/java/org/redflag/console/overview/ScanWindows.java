package org.redflag.console.overview;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The bars of the scan charts as instants: 24 whole hours ending with the current one, and 7 whole days of the
 * clock's zone ending with today. The database counts once into the finest buckets both sets of edges make, and
 * each bar adds up the ones inside it, so one range scan of the history serves both charts.
 */
final class ScanWindows {

    static final int HOURS = 24;
    static final int DAYS = 7;

    final List<Instant> hourEdges;
    final List<Instant> dayEdges;
    /** Every edge of both, sorted: the thresholds of width_bucket. */
    final List<Instant> edges;

    private ScanWindows(List<Instant> hourEdges, List<Instant> dayEdges) {
        this.hourEdges = hourEdges;
        this.dayEdges = dayEdges;
        TreeSet<Instant> all = new TreeSet<>(hourEdges);
        all.addAll(dayEdges);
        this.edges = List.copyOf(all);
    }

    static ScanWindows at(Clock clock) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime nextHour = now.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        List<Instant> hours = new ArrayList<>();
        for (int i = HOURS; i >= 0; i--) {
            hours.add(nextHour.minusHours(i).toInstant());
        }
        LocalDate today = now.toLocalDate();
        List<Instant> days = new ArrayList<>();
        for (int i = DAYS - 1; i >= -1; i--) {
            days.add(today.minusDays(i).atStartOfDay(clock.getZone()).toInstant());
        }
        return new ScanWindows(List.copyOf(hours), List.copyOf(days));
    }

    Instant start() {
        return edges.get(0);
    }

    Instant end() {
        return edges.get(edges.size() - 1);
    }

    /** The thresholds as a PostgreSQL array literal (bound as text, cast in SQL). */
    String edgesLiteral() {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < edges.size(); i++) {
            literal.append(i == 0 ? "" : ",").append('"').append(edges.get(i)).append('"');
        }
        return literal.append('}').toString();
    }
}
