package org.redflag.console.fleet;

import java.time.Instant;
import java.util.List;
import org.redflag.console.db.SqlTime;

/** The WHERE clause of an {@link AgentFilter}, bound parameters only, for one schema's columns. */
final class AgentFilterSql {

    private final String version;
    private final String reboot;

    /** @param version the SQL of the version the list shows; @param reboot of "reboot required" ("false": unknown) */
    AgentFilterSql(String version, String reboot) {
        this.version = version;
        this.reboot = reboot;
    }

    /**
     * The filter as a WHERE clause of bound parameters. Presence is judged as {@link Presence#of} judges it: online
     * when seen within {@link Presence#ONLINE_WINDOW} of {@code now}; stale when not for {@link Presence#STALE_AFTER}
     * or never; offline between the two.
     */
    void append(StringBuilder sql, List<Object> args, AgentFilter filter, Instant now) {
        sql.append(" WHERE true");
        String pattern = AgentRepository.containsPattern(filter.search());
        if (pattern != null) {
            sql.append(" AND a.hostname ILIKE ? ESCAPE '\\'");
            args.add(pattern);
        }
        if (filter.presence() != null) {
            if (now == null) {
                throw new IllegalArgumentException("a presence filter needs the time to judge it by");
            }
            Object onlineSince = SqlTime.bind(now.minus(Presence.ONLINE_WINDOW));
            Object staleBefore = SqlTime.bind(now.minus(Presence.STALE_AFTER));
            switch (filter.presence()) {
                case ONLINE -> {
                    sql.append(" AND a.last_seen > ?");
                    args.add(onlineSince);
                }
                case OFFLINE -> {
                    sql.append(" AND a.last_seen <= ? AND a.last_seen > ?");
                    args.add(onlineSince);
                    args.add(staleBefore);
                }
                case STALE -> {
                    sql.append(" AND (a.last_seen IS NULL OR a.last_seen <= ?)");
                    args.add(staleBefore);
                }
                default -> throw new IllegalStateException(filter.presence().name());
            }
        }
        if (filter.osType() != null) {
            sql.append(" AND a.os_type = ?");
            args.add(filter.osType());
        }
        if (filter.agentVersion() != null) {
            sql.append(" AND ").append(version).append(" = ?");
            args.add(filter.agentVersion());
        }
        if (filter.rebootRequired() != null) {
            sql.append(" AND ").append(reboot).append(" = ?");
            args.add(filter.rebootRequired());
        }
    }

}
