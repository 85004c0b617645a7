package org.redflag.console.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;

/**
 * Runs scripts into a throwaway database, one by one, and reads the catalog after each, so each file's
 * effects are what PostgreSQL itself made of it, not what a reading of its text guesses. The throwaway
 * database is removed in a finally block: on success, on a failing script, on an exception, on interruption.
 */
final class ShadowReplay {

    /** What one file did on the replay. */
    record FileRun(ReplayScript script, boolean recorded, Map<String, CatalogObject> made, Set<String> removed,
            boolean failedInTransaction, String failure, String secondRunFailure) {
    }

    /** The whole replay: per file, the catalog after the recorded files, after all, and the server used. */
    record Run(List<FileRun> files, SchemaCatalog afterRecorded, SchemaCatalog afterAll, String database,
            Map<String, String> twins) {

        /**
         * Present and the same: equal definitions, or the target's is the replay's definition as PostgreSQL
         * deparses it once more (what a repair made from the deparsed text leaves behind).
         */
        boolean matches(CatalogObject replay, CatalogObject found) {
            return replay.sameAs(found) || found != null && found.definition().equals(twins.get(replay.key()));
        }
    }

    private static final String CREATE_BOOKKEEPING = "CREATE TABLE IF NOT EXISTS schema_migrations ("
            + "version varchar(255) PRIMARY KEY, applied_at timestamptz DEFAULT now())";

    private final ThrowawayDatabases throwaways;

    ShadowReplay(ThrowawayDatabases throwaways) {
        this.throwaways = throwaways;
    }

    Run run(ReplayHistory history, List<ReplayScript> recorded, List<ReplayScript> unrecorded) throws SQLException {
        try (ThrowawayDatabases.Throwaway db = throwaways.create(); Connection c = db.dataSource().getConnection()) {
            if (history == ReplayHistory.REDFLAG) {
                // A file that writes its own record needs the table; the replay itself records nothing.
                try (Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute(CREATE_BOOKKEEPING);
                }
            }
            List<FileRun> files = new ArrayList<>();
            SchemaCatalog before = CatalogReader.read(c);
            SchemaCatalog afterRecorded = before;
            for (ReplayScript script : recorded) {
                before = runOne(c, history, script, true, before, files);
            }
            afterRecorded = before;
            for (ReplayScript script : unrecorded) {
                before = runOne(c, history, script, false, before, files);
            }
            Map<String, String> twins = new HashMap<>(twins(c, afterRecorded));
            twins.putAll(twins(c, before));
            return new Run(files, afterRecorded, before, db.name(), twins);
        }
    }

    private static SchemaCatalog runOne(Connection c, ReplayHistory history, ReplayScript script, boolean recorded,
            SchemaCatalog before, List<FileRun> files) throws SQLException {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the replay audit was interrupted at " + script.name());
        }
        boolean failedInTransaction = false;
        String failure = null;
        if (script.transactional()) {
            SQLException error = inTransaction(c, script.sql(), true);
            // 25001: CREATE INDEX CONCURRENTLY (or VACUUM…) inside a transaction. The runner would fail here;
            // the replay runs it again outside one, so the effects the file intends exist to compare with.
            if (error != null && "25001".equals(error.getSQLState())) {
                failedInTransaction = true;
                failure = outsideTransaction(c, script.sql());
            } else if (error != null) {
                failure = error.getMessage();
            }
        } else {
            failure = outsideTransaction(c, script.sql());
        }
        String secondRun = null;
        // RedFlag's v0.1.18 runner turns "already exists" into a false complete, so a file that cannot run
        // twice is a hazard there. Flyway never runs a script twice. The second run is always rolled back.
        if (history == ReplayHistory.REDFLAG && failure == null && !failedInTransaction) {
            SQLException again = inTransaction(c, script.sql(), false);
            secondRun = again == null ? null : again.getMessage();
        }
        SchemaCatalog after = CatalogReader.read(c);
        Map<String, CatalogObject> made = new HashMap<>();
        after.objects().forEach((key, object) -> {
            if (!object.sameAs(before.get(key))) {
                made.put(key, object);
            }
        });
        Set<String> removed = new HashSet<>(before.objects().keySet());
        removed.removeAll(after.objects().keySet());
        files.add(new FileRun(script, recorded, made, removed, failedInTransaction, failure, secondRun));
        return after;
    }

    /**
     * pg_get_indexdef and pg_get_constraintdef do not always round-trip: an index created from a deparsed
     * definition can deparse differently (casts around ARRAY[...] move). So each index and CHECK constraint is
     * created once more from its deparsed text under a temporary name, its definition read, all rolled back.
     */
    private static Map<String, String> twins(Connection c, SchemaCatalog catalog) throws SQLException {
        Map<String, String> twins = new HashMap<>();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            int n = 0;
            for (CatalogObject o : catalog.objects().values()) {
                boolean index = o.kind() == CatalogObject.Kind.INDEX;
                boolean check = o.kind() == CatalogObject.Kind.CONSTRAINT && o.definition().startsWith("CHECK")
                        && o.table().startsWith("table ");
                if (!index && !check) {
                    continue;
                }
                String twin = "rf_twin_" + (++n);
                s.execute("SAVEPOINT twin");
                try {
                    String table = index ? o.table() : o.table().substring("table ".length());
                    if (index) {
                        s.execute(o.createSql().replaceFirst("INDEX " + Pattern.quote(CatalogReader.quoteIdent(o.name()))
                                + " ON ", "INDEX " + twin + " ON "));
                    } else {
                        s.execute("ALTER TABLE " + CatalogReader.quoteIdent(table) + " ADD CONSTRAINT " + twin + " "
                                + o.definition());
                    }
                    String sql = index ? "SELECT pg_get_indexdef(to_regclass('" + twin + "'))"
                            : "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = '" + twin + "'";
                    try (ResultSet rs = s.executeQuery(sql)) {
                        if (rs.next() && rs.getString(1) != null) {
                            String def = rs.getString(1).replace(catalog.schema() + ".", "").replace(twin, o.name());
                            twins.put(o.key(), def);
                        }
                    }
                } catch (SQLException e) {
                    // No twin: the definition is compared as it is.
                } finally {
                    s.execute("ROLLBACK TO SAVEPOINT twin");
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return twins;
    }

    /** Runs the script as one call in one transaction, as RedFlag's runner does; commits or rolls back. */
    private static SQLException inTransaction(Connection c, String sql, boolean commit) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
            return null;
        } catch (SQLException e) {
            c.rollback();
            return e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Each statement alone in autocommit; stops at the first error and returns its message. */
    private static String outsideTransaction(Connection c, String sql) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String statement : SqlStatements.split(sql)) {
                s.execute(statement);
            }
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
