package org.redflag.console.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Finds out what a database is from its catalog: tables, columns, valid indexes, checks and triggers in the
 * connection's current schema. A RedFlag runner's record (schema_migrations) is read only to say how far it
 * claims to be; what the console does depends on what is really there, because the old runner recorded
 * failed files as applied. Reads only, in a read-only transaction.
 */
public final class SchemaProbe {

    private static final Set<String> REDFLAG_CORE = Set.of("agents", "agent_commands", "update_logs");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private SchemaProbe() {
    }

    public static Capabilities probe(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                return probe(c);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static Capabilities probe(Connection c) throws SQLException {
        Map<String, Set<String>> columns = columns(c);
        Set<String> tables = columns.keySet();
        SchemaKind kind = classify(columns);
        DatabaseRole role = role(c);
        if (kind == SchemaKind.EMPTY || kind == SchemaKind.UNKNOWN) {
            List<String> some = tables.stream().sorted().limit(5).toList();
            return new Capabilities(kind, Set.of(), Optional.empty(), 0, Set.of(), some, role);
        }
        Set<String> indexes = validIndexes(c);
        String commandChecks = checks(c, "agent_commands");
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        addIf(features, Feature.SUBSYSTEMS_TABLE, tables.contains("agent_subsystems"));
        addIf(features, Feature.LOG_SUBSYSTEM, has(columns, "update_logs", "subsystem"));
        addIf(features, Feature.LOG_METADATA, has(columns, "update_logs", "metadata"));
        addIf(features, Feature.LOG_IDEMPOTENCY_KEY, has(columns, "update_logs", "idempotency_key"));
        addIf(features, Feature.ONE_PENDING_INDEX, indexes.contains("idx_agent_pending_subsystem"));
        addIf(features, Feature.ONE_ACTIVE_INDEX, indexes.contains("idx_agent_commands_one_active"));
        addIf(features, Feature.SIGNATURE_COLUMN, has(columns, "agent_commands", "signature"));
        addIf(features, Feature.SIGNED_COMMANDS, has(columns, "agent_commands", "signature")
                && has(columns, "signing_keys", "is_active") && signsCommands(c));
        addIf(features, Feature.RECEIVED_STATUS, commandChecks.contains("'received'"));
        addIf(features, Feature.ARCHIVED_FAILED_STATUS, commandChecks.contains("'archived_failed'"));
        addIf(features, Feature.CURRENT_VERSION, has(columns, "agents", "current_version"));
        addIf(features, Feature.REBOOT_REQUIRED, has(columns, "agents", "reboot_required"));
        addIf(features, Feature.COMMAND_IDEMPOTENCY_KEY, has(columns, "agent_commands", "idempotency_key"));
        addIf(features, Feature.COMMAND_EXPIRES_AT, has(columns, "agent_commands", "expires_at"));
        addIf(features, Feature.STORAGE_METRICS, tables.contains("storage_metrics"));
        // Only the console's own V19 keeps it (its triggers come with the table, in one script).
        addIf(features, Feature.STORAGE_LATEST, kind == SchemaKind.CONSOLE && tables.contains("storage_latest"));
        addIf(features, Feature.DOCKER_IMAGES, tables.contains("docker_images"));
        addIf(features, Feature.SYSTEM_INFO, tables.contains("system_info"));
        addIf(features, Feature.AGENT_SPECS, tables.contains("agent_specs"));
        addIf(features, Feature.PACKAGE_STATE, tables.contains("current_package_state"));
        // The console's own schema has its V10 triggers (V3's before it); a RedFlag database, the companion's
        // (with consent).
        addIf(features, Feature.LIVE_TRIGGERS, hasTrigger(c, "trg_agent_commands_inserted_notify")
                || hasTrigger(c, "trg_agent_commands_notify") || hasTrigger(c, "redflag_console_notify"));
        Set<String> logSubsystems = kind == SchemaKind.REDFLAG ? quotedValues(constraint(c, "chk_update_logs_subsystem")) : Set.of();
        List<String> recorded = tables.contains("schema_migrations") && mayRead(c, "schema_migrations")
                ? recordedFiles(c) : List.of();
        Optional<String> upTo = recorded.stream().max(Comparator.naturalOrder()).map(SchemaProbe::versionPrefix);
        return new Capabilities(kind, features, upTo, recorded.size(), logSubsystems, List.of(), role);
    }

    /**
     * What the session's role may do, from its privileges (one query). A superuser is a member of every role,
     * so it is named by its groups only when it is not one. A cancel updates a command's status, end time and
     * result (by column: an unknown schema's agent_commands may lack one of them). Migrating needs CREATE in the schema and the rights
     * of the role that owns the Flyway history (there is none yet in an empty schema).
     */
    private static DatabaseRole role(Connection c) throws SQLException {
        String sql = """
                WITH t AS (SELECT to_regclass(quote_ident(current_schema()) || '.agent_commands') AS commands,
                                  to_regclass(quote_ident(current_schema()) || '.flyway_schema_history') AS flyway)
                SELECT current_user,
                       ARRAY(SELECT g.rolname::text FROM pg_roles g
                             WHERE g.rolname IN (?, ?) AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                               AND pg_has_role(current_user, g.oid, 'MEMBER') ORDER BY g.rolname),
                       coalesce(has_table_privilege(t.commands, 'INSERT'), false),
                       coalesce((SELECT bool_and(has_column_privilege(t.commands, a.attnum, 'UPDATE'))
                                 FROM pg_attribute a WHERE a.attrelid = t.commands
                                 AND a.attname IN ('status', 'completed_at', 'result')), false),
                       coalesce(has_schema_privilege(current_schema(), 'CREATE'), false)
                           AND coalesce(pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = t.flyway),
                                                    'USAGE'), true)
                FROM t
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, DatabaseRole.OPERATOR);
            ps.setString(2, DatabaseRole.VIEWER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<String> groups = List.of((String[]) rs.getArray(2).getArray());
                return new DatabaseRole(rs.getString(1), groups, rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5));
            }
        }
    }

    private static SchemaKind classify(Map<String, Set<String>> columns) {
        Set<String> tables = columns.keySet();
        if (tables.isEmpty()) {
            return SchemaKind.EMPTY;
        }
        if (tables.contains("flyway_schema_history")
                || tables.contains("system_info") && has(columns, "update_logs", "metadata")) {
            return SchemaKind.CONSOLE;
        }
        if (tables.containsAll(REDFLAG_CORE) && has(columns, "agents", "hostname")
                && has(columns, "agent_commands", "command_type") && has(columns, "update_logs", "action")) {
            return SchemaKind.REDFLAG;
        }
        return SchemaKind.UNKNOWN;
    }

    /** "033_add_received_status.up.sql" → "033"; "023a_…" → "023a". */
    static String versionPrefix(String fileName) {
        int underscore = fileName.indexOf('_');
        return underscore > 0 ? fileName.substring(0, underscore) : fileName;
    }

    private static Map<String, Set<String>> columns(Connection c) throws SQLException {
        String sql = """
                SELECT t.relname, a.attname
                FROM pg_class t
                JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
                LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE t.relkind IN ('r', 'p')
                """;
        Map<String, Set<String>> columns = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Set<String> of = columns.computeIfAbsent(rs.getString(1), t -> new HashSet<>());
                if (rs.getString(2) != null) {
                    of.add(rs.getString(2));
                }
            }
        }
        return columns;
    }

    /** An INVALID index (a failed CREATE INDEX CONCURRENTLY) guards nothing, so it does not count. */
    private static Set<String> validIndexes(Connection c) throws SQLException {
        String sql = """
                SELECT i.relname FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_namespace n ON n.oid = i.relnamespace AND n.nspname = current_schema()
                WHERE x.indisvalid
                """;
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Every check on the table's columns, its own and its domains', as one text. */
    private static String checks(Connection c, String table) throws SQLException {
        String sql = """
                SELECT coalesce(string_agg(pg_get_constraintdef(k.oid), ' '), '')
                FROM pg_constraint k
                WHERE k.contype = 'c' AND (
                    k.conrelid = (SELECT t.oid FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
                                  WHERE n.nspname = current_schema() AND t.relname = ?)
                    OR k.contypid IN (SELECT a.atttypid FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
                                      JOIN pg_namespace n ON n.oid = t.relnamespace
                                      WHERE n.nspname = current_schema() AND t.relname = ? AND a.attnum > 0))
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private static String constraint(Connection c, String name) throws SQLException {
        String sql = """
                SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
                JOIN pg_namespace n ON n.oid = k.connamespace AND n.nspname = current_schema()
                WHERE k.conname = ?
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private static boolean hasTrigger(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_trigger WHERE tgname = ? AND NOT tgisinternal")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * An active key means the server signs commands. A user who may not read the keys cannot know, and a
     * console that guessed "unsigned" would write commands agents reject: so then it counts as signed.
     */
    private static boolean signsCommands(Connection c) throws SQLException {
        return !mayRead(c, "signing_keys") || activeSigningKeys(c) > 0;
    }

    private static boolean mayRead(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT has_table_privilege(to_regclass("
                + "quote_ident(current_schema()) || '.' || quote_ident(?)), 'SELECT')")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static long activeSigningKeys(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM signing_keys WHERE is_active IS NOT FALSE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> recordedFiles(Connection c) throws SQLException {
        List<String> files = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version::text FROM schema_migrations");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    private static Set<String> quotedValues(String definition) {
        Set<String> values = new HashSet<>();
        Matcher m = QUOTED.matcher(definition);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static boolean has(Map<String, Set<String>> columns, String table, String column) {
        return columns.getOrDefault(table, Set.of()).contains(column);
    }

    private static void addIf(Set<Feature> features, Feature feature, boolean present) {
        if (present) {
            features.add(feature);
        }
    }
}
