package org.redflag.console.migration;

import static org.redflag.console.migration.CatalogReader.quoteIdent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.redflag.console.migration.CatalogObject.ColumnShape;
import org.redflag.console.migration.CatalogObject.Kind;

/**
 * The SQL that makes one object what the recorded scripts make it. Definitions come from the replay, where
 * PostgreSQL deparsed them, so a repair creates exactly what the file would have.
 */
final class RepairSteps {

    /**
     * Above this many rows (pg_class.reltuples) an index is built CONCURRENTLY: a plain CREATE INDEX locks
     * out writes for the whole build, which on a big table is minutes of a fleet unable to report.
     */
    static final long BIG_TABLE_ROWS = 100_000;

    /** Record changes run after every object step, so a re-run file finds what it depends on. */
    private static final int RECORD_ORDER = 1000;

    private RepairSteps() {
    }

    /** Steps that create a missing object; {@code invalid} when an INVALID index of that name is in the way. */
    static List<RepairStep> missing(String migration, CatalogObject replay, SchemaCatalog target, boolean invalid) {
        List<RepairStep> steps = new ArrayList<>();
        int order = replay.kind().ordinal() * 10;
        if (replay.kind() == Kind.INDEX) {
            boolean big = target.rows(replay.table()) > BIG_TABLE_ROWS;
            if (invalid) {
                // An INVALID index still holds the name and slows writes; CONCURRENTLY so dropping it blocks nothing.
                steps.add(new RepairStep(migration, replay.key(), "DROP INDEX CONCURRENTLY IF EXISTS "
                        + quoteIdent(replay.name()), true, "Drop the INVALID index " + replay.name()
                        + " a failed CREATE INDEX CONCURRENTLY left behind.", order - 1));
            }
            String sql = big ? replay.createSql().replaceFirst("INDEX ", "INDEX CONCURRENTLY ") : replay.createSql();
            steps.add(new RepairStep(migration, replay.key(), sql, big, "Create the index " + replay.name()
                    + " that " + migration + " makes" + (big ? ", concurrently: " + replay.table() + " has about "
                    + target.rows(replay.table()) + " rows." : "."), order));
            return steps;
        }
        steps.add(new RepairStep(migration, replay.key(), replay.createSql(), false,
                "Create the " + replay.kind().label() + " " + replay.name() + " that " + migration + " makes.", order));
        return steps;
    }

    /** Steps that turn the target's object into the replay's. */
    static List<RepairStep> drifted(String migration, CatalogObject replay, CatalogObject found, SchemaCatalog target) {
        int order = replay.kind().ordinal() * 10;
        String key = replay.key();
        return switch (replay.kind()) {
            case COLUMN -> List.of(new RepairStep(migration, key, alterColumn(replay, found.column()), false,
                    "Make column " + replay.table() + "." + replay.name() + " " + replay.definition()
                            + " again, as " + migration + " made it.", order));
            case INDEX -> {
                List<RepairStep> steps = new ArrayList<>();
                boolean big = target.rows(replay.table()) > BIG_TABLE_ROWS;
                steps.add(new RepairStep(migration, key, "DROP INDEX " + (big ? "CONCURRENTLY " : "")
                        + quoteIdent(replay.name()), big, "Drop the index " + replay.name() + " as it is now.", order - 1));
                steps.addAll(missing(migration, replay, target, false));
                yield steps;
            }
            case CONSTRAINT, FOREIGN_KEY -> List.of(new RepairStep(migration, key,
                    replay.createSql().replaceFirst(" ADD CONSTRAINT ", " DROP CONSTRAINT " + quoteIdent(replay.name())
                            + ", ADD CONSTRAINT "), false,
                    "Replace the constraint " + replay.name() + " with the one " + migration + " makes.", order));
            case TRIGGER -> List.of(new RepairStep(migration, key, "DROP TRIGGER " + quoteIdent(replay.name())
                    + " ON " + quoteIdent(replay.table().substring("table ".length())) + ";\n" + replay.createSql(),
                    false, "Replace the trigger " + replay.name() + " with the one " + migration + " makes.", order));
            case FUNCTION, VIEW -> List.of(new RepairStep(migration, key, replay.createSql(), false,
                    "Replace the " + replay.kind().label() + " " + replay.name() + " with the one " + migration
                            + " makes.", order));
            default -> List.of();
        };
    }

    private static String alterColumn(CatalogObject replay, ColumnShape now) {
        ColumnShape want = replay.column();
        String column = quoteIdent(replay.name());
        List<String> actions = new ArrayList<>();
        if (!want.type().equals(now.type())) {
            actions.add("ALTER COLUMN " + column + " TYPE " + want.type() + " USING " + column + "::" + want.type());
        }
        if (!Objects.equals(want.defaultExpr(), now.defaultExpr())) {
            actions.add("ALTER COLUMN " + column + (want.defaultExpr() == null ? " DROP DEFAULT"
                    : " SET DEFAULT " + want.defaultExpr()));
        }
        if (want.notNull() != now.notNull()) {
            actions.add("ALTER COLUMN " + column + (want.notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
        }
        return "ALTER TABLE " + quoteIdent(replay.table()) + " " + String.join(", ", actions);
    }

    /** RedFlag only: forget the record so the runner runs the (fixed) file again at the server's next start. */
    static RepairStep rerunFile(String file, boolean selfRecording) {
        return new RepairStep(file, "record " + file, "DELETE FROM schema_migrations WHERE version = '"
                + file.replace("'", "''") + "'", false, "None of " + file + "'s effects exist: forget its record so"
                + " RedFlag's runner re-runs it at the next server start" + (selfRecording
                        ? "; first remove the file's own INSERT INTO schema_migrations, or it fails again." : "."),
                RECORD_ORDER);
    }

    /** RedFlag only: the file's effects are all there, so record it, or the runner would run it again. */
    static RepairStep recordFile(String file) {
        return new RepairStep(file, "record " + file, "INSERT INTO schema_migrations (version) VALUES ('"
                + file.replace("'", "''") + "')", false, "Every effect of " + file
                + " is in the database: record it, so RedFlag's runner does not run it again.", RECORD_ORDER);
    }
}
