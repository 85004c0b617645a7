package org.redflag.console.overview;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.redflag.console.fleet.Presence;
import org.redflag.console.history.RedFlagActions;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;

/**
 * The Overview's figures counted the plain way: every row read into the test and counted in Java, by the rules
 * the figures state (presence from last_seen, the newest figure per disk, a bar's own hour or day).
 */
final class OverviewRecount {

    private final TestDatabase db;
    private final Capabilities capabilities;
    private final Clock clock;

    OverviewRecount(TestDatabase db, Capabilities capabilities, Clock clock) {
        this.db = db;
        this.capabilities = capabilities;
        this.clock = clock;
    }

    private List<Map<String, Object>> rows(String sql) {
        return RedFlagFixtures.rows(db, sql);
    }

    private static Instant instant(Object epochSeconds) {
        return epochSeconds == null ? null
                : Instant.ofEpochMilli(Math.round(((Number) epochSeconds).doubleValue() * 1000));
    }

    AgentCounts agents() {
        Instant now = clock.instant();
        long total = 0, online = 0, offline = 0, stale = 0, reboot = 0;
        for (Map<String, Object> a : rows("SELECT extract(epoch FROM last_seen) AS seen, a.* FROM agents a")) {
            total++;
            Instant seen = instant(a.get("seen"));
            if (seen != null && seen.isAfter(now.minus(Presence.ONLINE_WINDOW))) {
                online++;
            } else if (seen == null || seen.isBefore(now.minus(Presence.STALE_AFTER))) {
                stale++;
            } else {
                offline++;
            }
            if (Boolean.TRUE.equals(a.get("reboot_required"))) {
                reboot++;
            }
        }
        return new AgentCounts(total, online, offline, stale, reboot);
    }

    Map<String, Long> agentsByOs() {
        return countBy("SELECT os_type AS v FROM agents");
    }

    Map<String, Long> agentsByVersion() {
        String sql = capabilities.has(Feature.CURRENT_VERSION)
                ? "SELECT current_version, agent_version FROM agents" : "SELECT agent_version FROM agents";
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> a : rows(sql)) {
            String current = (String) a.get("current_version");
            String version = current == null || current.isEmpty() || current.equals("0.0.0")
                    ? (String) a.get("agent_version") : current;
            counts.merge(version == null ? "unknown" : version, 1L, Long::sum);
        }
        return counts;
    }

    private Map<String, Long> countBy(String sql) {
        Map<String, Long> counts = new TreeMap<>();
        rows(sql).forEach(r -> counts.merge(r.get("v") == null ? "unknown" : r.get("v").toString(), 1L, Long::sum));
        return counts;
    }

    /** "bar|subsystem|result" → scans, for the hour bars ("h0".."h23") and the day bars ("d0".."d6"). */
    Map<String, Long> scans() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        List<Instant[]> bars = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ZonedDateTime hour = now.truncatedTo(ChronoUnit.HOURS).minusHours(23);
        for (int i = 0; i < 24; i++, hour = hour.plusHours(1)) {
            bars.add(new Instant[] {hour.toInstant(), hour.plusHours(1).toInstant()});
            names.add("h" + i);
        }
        LocalDate day = now.toLocalDate().minusDays(6);
        for (int i = 0; i < 7; i++, day = day.plusDays(1)) {
            bars.add(new Instant[] {day.atStartOfDay(clock.getZone()).toInstant(),
                    day.plusDays(1).atStartOfDay(clock.getZone()).toInstant()});
            names.add("d" + i);
        }
        String subsystemColumn = capabilities.has(Feature.LOG_SUBSYSTEM) ? ", subsystem" : "";
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> row : rows("SELECT extract(epoch FROM executed_at) AS at, action, result"
                + subsystemColumn + " FROM update_logs")) {
            String action = (String) row.get("action");
            String subsystem = (String) row.get("subsystem");
            if (subsystem == null && !capabilities.isConsole()) {
                subsystem = RedFlagActions.subsystemOf(action).orElse(null);
            }
            if (action.equals("console_error") || subsystem == null) {
                continue;
            }
            Instant at = instant(row.get("at"));
            for (int i = 0; i < bars.size(); i++) {
                if (!at.isBefore(bars.get(i)[0]) && at.isBefore(bars.get(i)[1])) {
                    counts.merge(names.get(i) + "|" + subsystem + "|" + row.get("result"), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    static Map<String, Long> scansOf(ScanActivity activity) {
        Map<String, Long> counts = new TreeMap<>();
        for (String prefix : List.of("h", "d")) {
            List<ScanActivity.Bucket> bars = prefix.equals("h") ? activity.hours() : activity.days();
            for (int i = 0; i < bars.size(); i++) {
                for (var bySubsystem : bars.get(i).counts().entrySet()) {
                    for (var byResult : bySubsystem.getValue().entrySet()) {
                        counts.put(prefix + i + "|" + bySubsystem.getKey() + "|" + byResult.getKey(), byResult.getValue());
                    }
                }
            }
        }
        return counts;
    }

    CommandCounts commands(Duration timeout) {
        Set<String> taken = new HashSet<>(Set.of("sent", "running", "received"));
        Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
        long stuck = 0;
        Instant cutoff = clock.instant().minus(timeout);
        for (Map<String, Object> c : rows("SELECT status, extract(epoch FROM sent_at) AS sent FROM agent_commands")) {
            String status = (String) c.get("status");
            if (!status.equals("pending") && !taken.contains(status)) {
                continue;
            }
            byStatus.merge(status, 1L, Long::sum);
            Instant sent = instant(c.get("sent"));
            if (taken.contains(status) && sent != null && sent.isBefore(cutoff)) {
                stuck++;
            }
        }
        return new CommandCounts(byStatus, stuck, timeout);
    }

    FullDisks fullDisks(int fullest) {
        Map<String, Map<String, Object>> newest = new HashMap<>();
        for (Map<String, Object> s : rows("SELECT s.agent_id, a.hostname, s.mountpoint, s.used_percent, "
                + "extract(epoch FROM s.created_at) AS at FROM storage_metrics s JOIN agents a ON a.id = s.agent_id")) {
            newest.merge(s.get("agent_id") + "|" + s.get("mountpoint"), s,
                    (a, b) -> ((Number) a.get("at")).doubleValue() >= ((Number) b.get("at")).doubleValue() ? a : b);
        }
        List<FullDisks.Disk> full = new ArrayList<>();
        for (Map<String, Object> s : newest.values()) {
            BigDecimal used = new BigDecimal(s.get("used_percent").toString()).setScale(2, java.math.RoundingMode.HALF_EVEN);
            if (used.compareTo(BigDecimal.valueOf(FullDisks.THRESHOLD_PERCENT)) > 0) {
                full.add(new FullDisks.Disk((java.util.UUID) s.get("agent_id"), (String) s.get("hostname"),
                        (String) s.get("mountpoint"), used));
            }
        }
        full.sort(Comparator.comparing(FullDisks.Disk::usedPercent).reversed()
                .thenComparing(d -> d.agentId().toString()).thenComparing(FullDisks.Disk::mountpoint));
        long agents = full.stream().map(FullDisks.Disk::agentId).distinct().count();
        return new FullDisks(full.size(), agents, full.subList(0, Math.min(fullest, full.size())));
    }

    PendingUpdates pendingUpdates() {
        String sql = capabilities.isConsole() ? "SELECT severity, agent_id FROM update_packages"
                : "SELECT severity, agent_id FROM current_package_state WHERE status = 'pending'";
        Map<String, Long> bySeverity = new java.util.LinkedHashMap<>();
        PendingUpdates.SEVERITIES.forEach(s -> bySeverity.put(s, 0L));
        Set<Object> agents = new HashSet<>();
        for (Map<String, Object> p : rows(sql)) {
            bySeverity.merge((String) p.get("severity"), 1L, Long::sum);
            agents.add(p.get("agent_id"));
        }
        return new PendingUpdates(bySeverity, agents.size(), false);
    }
}
