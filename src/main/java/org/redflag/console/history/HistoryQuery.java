package org.redflag.console.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.redflag.console.db.SqlTime;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;

/**
 * The SQL of every history list for one schema: the columns (with a subsystem on every generation) and the
 * WHERE clause of a filter, built from bound parameters only.
 */
final class HistoryQuery {

    private final String subsystem;
    private final Capabilities capabilities;

    HistoryQuery(Capabilities capabilities) {
        this.capabilities = capabilities;
        this.subsystem = RedFlagActions.subsystemOfRowSql(capabilities);
    }

    String select(String stdout, String stderr) {
        return """
                SELECT l.id, l.executed_at, l.agent_id, a.hostname, %s AS subsystem, l.action, l.result, l.exit_code,
                       l.duration_seconds, %s AS stdout, %s AS stderr
                FROM update_logs l
                LEFT JOIN agents a ON a.id = l.agent_id
                """.formatted(subsystem, stdout, stderr);
    }

    String countSelect() {
        return "SELECT count(*) FROM update_logs l LEFT JOIN agents a ON a.id = l.agent_id";
    }

    Where where(String select, HistoryFilter filter) {
        return new Where(select, filter);
    }

    /** The statement so far and its arguments; callers append their order and limit. */
    final class Where {
        final StringBuilder sql;
        final List<Object> args = new ArrayList<>();

        private Where(String select, HistoryFilter filter) {
            filter.problem().ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            sql = new StringBuilder(select).append(" WHERE true");
            if (filter.agentId() != null) {
                sql.append(" AND l.agent_id = ?");
                args.add(filter.agentId());
            }
            if (!filter.hostnameContains().isEmpty()) {
                sql.append(" AND a.hostname ILIKE ? ESCAPE '\\'");
                args.add(contains(filter.hostnameContains()));
            }
            if (!filter.subsystem().isEmpty()) {
                subsystemIs(filter.subsystem());
            }
            if (!filter.result().isEmpty()) {
                sql.append(" AND l.result = ?");
                args.add(filter.result());
            }
            if (filter.from() != null) {
                sql.append(" AND l.executed_at >= ?");
                args.add(SqlTime.bind(filter.from()));
            }
            if (filter.until() != null) {
                sql.append(" AND l.executed_at < ?");
                args.add(SqlTime.bind(filter.until()));
            }
            if (filter.searchesOutput()) {
                // Two ILIKEs (not one over a concatenation) so each can use its own trigram index.
                sql.append(" AND (l.stdout ILIKE ? ESCAPE '\\' OR l.stderr ILIKE ? ESCAPE '\\')");
                String pattern = contains(filter.outputContains().strip());
                args.add(pattern);
                args.add(pattern);
            }
            if (filter.consoleErrorsOnly()) {
                sql.append(" AND l.action = 'console_error'");
            }
        }

        /**
         * On the column where there is one (its index serves it); rows without a value match by action, the
         * way the column's own back-fill would have filled them.
         */
        private void subsystemIs(String wanted) {
            List<String> actions = capabilities.isConsole() ? List.of() : RedFlagActions.actionsOf(wanted);
            boolean column = capabilities.has(Feature.LOG_SUBSYSTEM);
            if (!capabilities.isConsole() && actions.isEmpty() && !capabilities.logSubsystemAllowed(wanted)) {
                // Not a subsystem RedFlag's rows can have: a console area, kept in the console error's stdout.
                sql.append(" AND l.action = 'console_error' AND strpos(l.stdout, ?) > 0");
                args.add("\"area\": " + org.redflag.console.json.JsonStrings.quoted(wanted));
            } else if (column && actions.isEmpty()) {
                sql.append(" AND l.subsystem = ?");
                args.add(wanted);
            } else if (column) {
                sql.append(" AND (l.subsystem = ? OR (l.subsystem IS NULL AND l.action = ANY (?)))");
                args.add(wanted);
                args.add(actions.toArray(String[]::new));
            } else if (!actions.isEmpty()) {
                sql.append(" AND l.action = ANY (?)");
                args.add(actions.toArray(String[]::new));
            } else {
                sql.append(" AND false");
            }
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                Object arg = args.get(i);
                if (arg instanceof String[] texts) {
                    ps.setArray(i + 1, c.createArrayOf("text", texts));
                } else {
                    ps.setObject(i + 1, arg);
                }
            }
            return ps;
        }
    }

    /** The text as a literal "contains" pattern: LIKE's own wildcards in it match only themselves. */
    static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
