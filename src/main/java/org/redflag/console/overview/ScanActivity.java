package org.redflag.console.overview;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scans recorded in the history, counted per hour over the last 24 hours and per day over the last 7 days
 * (days and hours of the clock's zone), by subsystem and result.
 */
public record ScanActivity(List<Bucket> hours, List<Bucket> days) {

    public ScanActivity {
        hours = List.copyOf(hours);
        days = List.copyOf(days);
    }

    /**
     * One bar: scans executed in [start, end), as subsystem → result → count (only what occurred).
     */
    public record Bucket(Instant start, Instant end, Map<String, Map<String, Long>> counts) {

        public Bucket {
            counts = Map.copyOf(counts);
        }

        /** Scans of {@code subsystem} (null: every subsystem) with {@code result} (null: any result). */
        public long count(String subsystem, String result) {
            return counts.entrySet().stream()
                    .filter(e -> subsystem == null || e.getKey().equals(subsystem))
                    .flatMap(e -> e.getValue().entrySet().stream())
                    .filter(e -> result == null || e.getKey().equals(result))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** Every subsystem that has a scan in either chart, sorted. */
    public List<String> subsystems() {
        TreeSet<String> names = new TreeSet<>();
        hours.forEach(b -> names.addAll(b.counts().keySet()));
        days.forEach(b -> names.addAll(b.counts().keySet()));
        return List.copyOf(names);
    }

    /** Scans of {@code subsystem} (null: all) with {@code result} (null: any) over the last 7 days. */
    public long weekCount(String subsystem, String result) {
        return days.stream().mapToLong(b -> b.count(subsystem, result)).sum();
    }

    /** The same over the last 24 hours. */
    public long dayCount(String subsystem, String result) {
        return hours.stream().mapToLong(b -> b.count(subsystem, result)).sum();
    }
}
