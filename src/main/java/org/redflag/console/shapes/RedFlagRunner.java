package org.redflag.console.shapes;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * A migration runner that behaves like RedFlag's own (SCHEMA.md (a)), so the databases our tests and
 * benchmarks use were made the way real RedFlag databases were, false completes included.
 *
 * <p>It keeps RedFlag's bookkeeping table, {@code schema_migrations(version, applied_at)}, where the
 * version is the whole file name; takes the {@code *.up.sql} files, sorts their names byte-wise (Go's
 * {@code sort.Strings}), skips names already recorded, and runs each file as ONE multi-statement call
 * in one transaction together with the INSERT of its name.
 */
public final class RedFlagRunner {

    /** The two ways RedFlag's runner has treated a failing file. */
    public enum Behaviour {
        /**
         * v0.1.18: an error mentioning "already exists" or "duplicate key" is rolled back, then the file
         * is recorded as applied anyway (the "false complete") and the run goes on; other errors stop.
         */
        V0_1_18,
        /** The later runner: every error stops the run; it also keeps an empty schema_migrations_backup. */
        LATER
    }

    /** Byte-wise order of UTF-8 names, as Go compares strings: "023_x" < "023a_x" because '_' < 'a'. */
    public static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final String CREATE_BOOKKEEPING = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    varchar(255) PRIMARY KEY,
                applied_at timestamptz DEFAULT now()
            )""";

    // CREATE TABLE AS copies only the column types: no key, no default, as on RedFlag's databases.
    private static final String CREATE_BACKUP =
            "CREATE TABLE IF NOT EXISTS schema_migrations_backup AS SELECT * FROM schema_migrations WITH NO DATA";

    private final DataSource dataSource;
    private final Behaviour behaviour;

    public RedFlagRunner(DataSource dataSource, Behaviour behaviour) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** Runs the project's own scripts whose file names {@code which} accepts. */
    public RunResult runBundled(Predicate<String> which) {
        return run(MigrationScripts.classpath().stream().filter(s -> which.test(s.name())).toList());
    }

    /**
     * Runs the {@code *.up.sql} files among {@code scripts} that are not recorded yet, in byte-wise name
     * order. Throws {@link RedFlagMigrationException} (naming the file) when a file stops the run.
     */
    public RunResult run(Collection<MigrationScript> scripts) {
        List<MigrationScript> ordered = scripts.stream()
                .filter(MigrationScript::isUp)
                .sorted(Comparator.comparing(MigrationScript::name, BYTE_ORDER))
                .toList();
        List<String> ran = new ArrayList<>();
        List<String> falseCompleted = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            prepareBookkeeping(c);
            Set<String> recorded = recorded(c);
            for (MigrationScript script : ordered) {
                if (recorded.contains(script.name())) {
                    continue;
                }
                SQLException failure = apply(c, script);
                if (failure == null) {
                    ran.add(script.name());
                } else if (behaviour == Behaviour.V0_1_18 && isAlreadyDone(failure)) {
                    // What v0.1.18 did: take "already exists" to mean "applied before" and record it.
                    insertRecord(c, script.name());
                    falseCompleted.add(script.name());
                } else {
                    RunResult partial = new RunResult(ran, falseCompleted, List.of(script.name()));
                    throw new RedFlagMigrationException(script.name(), partial, explain(c, script, failure));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("RedFlag runner could not use the database: " + e.getMessage(), e);
        }
        return new RunResult(ran, falseCompleted, List.of());
    }

    private void prepareBookkeeping(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(CREATE_BOOKKEEPING);
            if (behaviour == Behaviour.LATER) {
                s.execute(CREATE_BACKUP);
            }
        }
    }

    private static Set<String> recorded(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_migrations")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The file and its record in one transaction; returns the error instead of throwing it. */
    private static SQLException apply(Connection c, MigrationScript script) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(script.sql());
            insertRecord(c, script.name());
            c.commit();
            return null;
        } catch (SQLException e) {
            c.rollback();
            return e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void insertRecord(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_migrations (version) VALUES (?)")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    private static boolean isAlreadyDone(SQLException e) {
        String text = String.valueOf(e.getMessage());
        return text.contains("already exists") || text.contains("duplicate key");
    }

    /**
     * The later runner warns when a failing file is recorded anyway (older files wrote their own row in
     * another transaction): then the database may be inconsistent.
     */
    private static SQLException explain(Connection c, MigrationScript script, SQLException failure)
            throws SQLException {
        if (!recorded(c).contains(script.name())) {
            return failure;
        }
        SQLException wrapped = new SQLException(failure.getMessage()
                + " (the file is recorded as applied: the database may be inconsistent)", failure.getSQLState());
        wrapped.initCause(failure);
        return wrapped;
    }
}
