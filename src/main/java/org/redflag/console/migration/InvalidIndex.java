package org.redflag.console.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * An INVALID index in the migrated schema: what a CREATE INDEX CONCURRENTLY leaves when it does not finish (the
 * console killed mid-migration, the connection cut, a unique build that met a duplicate). PostgreSQL never uses
 * it, yet maintains it on every write, and a migration that makes it again fails on its name. Read with the same
 * catalog reader as the audit ({@link CatalogReader}, where it counts as missing); an index that another
 * connection is building right now is also not yet valid, and is left out.
 *
 * @param migration the migration whose script builds an index of that name and that is not recorded as done
 *                  (pending: the run was killed before Flyway recorded it; or failed), or null
 * @param migrationFailed whether Flyway recorded that migration as FAILED (else it is pending)
 */
public record InvalidIndex(String name, String table, String definition, String migration, boolean migrationFailed) {

    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$]+)",
            Pattern.CASE_INSENSITIVE);

    /** What the user reads: what it is, how it came about, why it matters, what to do. */
    public String sentence() {
        String how = migration == null
                ? "a CREATE INDEX CONCURRENTLY that did not finish left it"
                : migration + " was interrupted while it built it with CREATE INDEX CONCURRENTLY (the console was "
                        + "stopped or killed, or its connection dropped) and is " + (migrationFailed
                        ? "recorded as FAILED" : "not recorded as applied");
        String next = migration == null ? "build it again"
                : migrationFailed ? "remove the failed entry (flyway repair) and migrate again" : "migrate again";
        return "Index " + name + " on " + table + " is INVALID: " + how + ". PostgreSQL never uses it but updates "
                + "it on every write to " + table + ", and building it again fails on its name. Drop it with DROP INDEX "
                + "CONCURRENTLY " + CatalogReader.quoteIdent(name) + ", then " + next + ".";
    }

    /**
     * The INVALID indexes of the schema the connection's search path names, each tied to the unfinished migration
     * whose script builds it, if any.
     *
     * @param unfinished the migrations not recorded as done (pending or failed), in order
     * @param scriptText a migration's script text by its file name, empty when this build does not have it
     */
    static List<InvalidIndex> read(DataSource dataSource, List<MigrationStatus> unfinished,
            Function<String, Optional<String>> scriptText) throws SQLException {
        List<InvalidIndex> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Set<String> building = beingBuilt(c);
            for (CatalogObject index : CatalogReader.read(c).invalidIndexes().values()) {
                if (building.contains(index.name())) {
                    continue;
                }
                MigrationStatus maker = unfinished.stream()
                        .filter(m -> m.script() != null && scriptText.apply(m.script())
                                .map(text -> builds(text, index.name())).orElse(false))
                        .findFirst().orElse(null);
                found.add(new InvalidIndex(index.name(), index.table(), index.definition(),
                        maker == null ? null : maker.label(), maker != null && maker.failed()));
            }
        }
        found.sort(java.util.Comparator.comparing(InvalidIndex::name));
        return found;
    }

    static boolean builds(String script, String indexName) {
        Matcher m = CONCURRENT_INDEX.matcher(script);
        while (m.find()) {
            String named = m.group(1);
            String plain = named.startsWith("\"") ? named.substring(1, named.length() - 1).replace("\"\"", "\"")
                    : named.toLowerCase(Locale.ROOT);
            if (plain.equals(indexName)) {
                return true;
            }
        }
        return false;
    }

    /** Indexes a CREATE INDEX (CONCURRENTLY) is building at this moment, on any connection. */
    private static Set<String> beingBuilt(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.relname FROM pg_stat_progress_create_index p "
                + "JOIN pg_class i ON i.oid = p.index_relid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
