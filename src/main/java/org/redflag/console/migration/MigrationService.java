package org.redflag.console.migration;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorDetails;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import javax.sql.DataSource;
import org.redflag.console.causes.Causes;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.DatabaseRole;

/**
 * Our own schema's migrations for people: what Flyway knows, what is wrong with it in words, and a migrate
 * that reports each script and explains a failure. The view and the headless commands both use it.
 * Every method blocks: call them off the FX thread.
 */
public final class MigrationService {

    private final SchemaMigrator migrator;
    private final DataSource dataSource;
    private final Capabilities capabilities;

    public MigrationService(SchemaMigrator migrator) {
        this(migrator, null, Capabilities.CONSOLE_SCHEMA);
    }

    /** On a RedFlag database, the record shown is RedFlag's own, and nothing is ever migrated. */
    public MigrationService(SchemaMigrator migrator, DataSource dataSource, Capabilities capabilities) {
        this.migrator = migrator;
        this.dataSource = dataSource;
        this.capabilities = capabilities;
    }

    /** The database is RedFlag's: its record is RedFlag's runner's, and the console's Flyway list does not apply. */
    public boolean foreignSchema() {
        return capabilities.isRedFlag() && dataSource != null;
    }

    public MigrationOverview overview() {
        if (foreignSchema()) {
            try {
                return RedFlagRecord.read(dataSource, capabilities);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read RedFlag's schema_migrations: " + e.getMessage(), e);
            }
        }
        return MigrationOverview.read(migrator);
    }

    /**
     * INVALID indexes in the console's schema, each tied to the unfinished migration that builds it; empty on a
     * RedFlag database, whose indexes the audit judges against RedFlag's scripts.
     */
    public List<InvalidIndex> invalidIndexes() {
        return foreignSchema() ? List.of() : invalidIndexes(overview());
    }

    /** The same, for a caller that has just read the overview: Flyway's record is not read a second time. */
    public List<InvalidIndex> invalidIndexes(MigrationOverview overview) {
        if (foreignSchema()) {
            return List.of();
        }
        List<MigrationStatus> unfinished = overview.migrations().stream().filter(m -> m.pending() || m.failed())
                .toList();
        try {
            return InvalidIndex.read(migrator.dataSource(), unfinished, migrator::scriptText);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the schema's indexes: " + e.getMessage(), e);
        }
    }

    private static final String NOT_OURS = "This is a RedFlag database, migrated by RedFlag's own runner: the console "
            + "does not run its Flyway migrations here, and changes nothing in it. Run the audit to compare what "
            + "schema_migrations claims with what the catalog really holds.";

    /** Every validation problem Flyway finds, each in a sentence; empty when the history matches the scripts. */
    public List<ValidationProblem> validate() {
        if (foreignSchema()) {
            return List.of(new ValidationProblem("", "REDFLAG_SCHEMA", NOT_OURS));
        }
        ValidateResult result = migrator.validate();
        List<ValidationProblem> problems = new ArrayList<>();
        for (ValidateOutput invalid : result.invalidMigrations) {
            problems.add(explain(invalid));
        }
        if (problems.isEmpty() && !result.validationSuccessful) {
            String message = result.errorDetails == null ? result.getAllErrorMessages() : result.errorDetails.errorMessage;
            problems.add(new ValidationProblem("", String.valueOf(result.errorDetails == null ? "ERROR"
                    : result.errorDetails.errorCode), "Flyway's validation failed: " + oneLine(message) + "."));
        }
        return problems;
    }

    /** Runs every pending migration, telling {@code progress} as each script starts and ends. Never throws Flyway's errors. */
    public MigrationOutcome migrate(MigrationProgress progress) {
        if (foreignSchema()) {
            return new MigrationOutcome(false, List.of(), null, Optional.empty(), List.of(), "Nothing was migrated. "
                    + NOT_OURS, null);
        }
        Optional<String> refused = capabilities.role().refusal(DatabaseRole.Action.MIGRATE);
        if (refused.isPresent()) {
            return new MigrationOutcome(false, List.of(), null, Optional.empty(), List.of(), "Nothing was migrated. "
                    + refused.get(), null);
        }
        progress.planned(overview().pendingLabels());
        Watcher watcher = new Watcher(progress);
        try {
            migrator.migrate(watcher);
            Optional<MigrationOverview> after = overviewIfReadable();
            List<String> stillFailed = after.map(o -> o.migrations().stream().filter(MigrationStatus::failed)
                    .map(MigrationStatus::label).toList()).orElse(List.of());
            String message = succeededMessage(watcher.applied) + (stillFailed.isEmpty() ? ""
                    : " Still recorded as FAILED from an earlier run: " + String.join(", ", stillFailed)
                            + ". Check what it left in the schema and remove the failed entry (flyway repair).")
                    + leftIndexes();
            return new MigrationOutcome(true, watcher.applied, after.flatMap(MigrationOverview::currentVersion).orElse(null),
                    Optional.empty(), stillFailed, message, null);
        } catch (FlywayException e) {
            String reason = rootReason(e);
            String failing = watcher.failing.get();
            if (failing == null && e.getErrorCode() == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
                return new MigrationOutcome(false, watcher.applied, null, Optional.empty(), List.of(),
                        "Nothing was migrated: this database already has tables but no Flyway history, so the console "
                                + "did not create it (a RedFlag database?). Running V1 over it would clash with what is "
                                + "there. Use the Legacy audit to check it, or point the console at its own database.", e);
            }
            if (failing == null) {
                return new MigrationOutcome(false, watcher.applied, schemaVersionOrNone(), Optional.empty(), List.of(),
                        "Flyway did not start migrating: " + reason + ". Run Validate to see every problem.", e);
            }
            progress.failed(failing, reason);
            return new MigrationOutcome(false, watcher.applied, schemaVersionOrNone(), Optional.of(failing), List.of(),
                    failedMessage(failing, watcher, reason), e);
        }
    }

    private String failedMessage(String failing, Watcher watcher, String reason) {
        String before = watcher.applied.isEmpty() ? ""
                : " The " + plural(watcher.applied.size(), "migration") + " before it stayed applied.";
        // The database says which case this was: a failed script that ran in a transaction leaves no row.
        boolean recordedAsFailed = watcher.failingVersion != null && overviewIfReadable()
                .flatMap(o -> o.find(watcher.failingVersion)).map(MigrationStatus::failed).orElse(false);
        String consequence = recordedAsFailed
                ? " It ran outside a transaction, so Flyway recorded it as FAILED and some of its statements may "
                        + "have stayed: check the schema, remove the failed entry (flyway repair) and migrate again."
                : " PostgreSQL rolled the script back, so the database is as it was before it and Flyway recorded no "
                        + "success for it. Fix the script in a new build and migrate again.";
        return failing + " failed: " + reason + "." + consequence + before + leftIndexes();
    }

    /** The INVALID indexes a failed (or an earlier, killed) run left, in words; a failure to read them is no news. */
    private String leftIndexes() {
        try {
            return invalidIndexes().stream().map(i -> " " + i.sentence()).collect(java.util.stream.Collectors.joining());
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String succeededMessage(List<String> applied) {
        return applied.isEmpty() ? "Nothing to migrate." : plural(applied.size(), "migration") + " applied.";
    }

    private String schemaVersionOrNone() {
        return overviewIfReadable().flatMap(MigrationOverview::currentVersion).orElse(null);
    }

    private Optional<MigrationOverview> overviewIfReadable() {
        try {
            return Optional.of(overview());
        } catch (FlywayException e) {
            return Optional.empty();
        }
    }

    private static ValidationProblem explain(ValidateOutput invalid) {
        String label = invalid.version == null || invalid.version.isBlank()
                ? invalid.filepath
                : "V" + invalid.version + (invalid.description == null || invalid.description.isBlank() ? ""
                        : " (" + invalid.description + ")");
        ErrorDetails details = invalid.errorDetails;
        String flywaySays = details == null ? "" : oneLine(details.errorMessage);
        String kind = details == null ? "ERROR" : String.valueOf(details.errorCode);
        String sentence;
        if (details != null && details.errorCode instanceof CoreErrorCode code) {
            sentence = switch (code) {
                case CHECKSUM_MISMATCH -> label + " was edited after it was applied: its checksum no longer matches "
                        + "the one Flyway recorded. Never edit a landed migration: restore the original script and put "
                        + "the change in a new migration.";
                case RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED, RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED -> label
                        + " is pending: this build has it, the database does not yet. Run Migrate.";
                case APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED, APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED -> label
                        + " was applied to this database, but this build has no such script. Use the console build "
                        + "that applied it, or find out who removed the script.";
                case FAILED_VERSIONED_MIGRATION, FAILED_REPEATABLE_MIGRATION -> label + " is recorded as FAILED. "
                        + "Check what it left in the schema, remove the failed entry (flyway repair), fix the script "
                        + "and migrate again.";
                case DESCRIPTION_MISMATCH, TYPE_MISMATCH -> label + " was renamed or changed type after it was "
                        + "applied. Restore the original file name.";
                default -> label + ": " + flywaySays;
            };
        } else {
            sentence = label + ": " + flywaySays;
        }
        return new ValidationProblem(label, kind, sentence);
    }

    /** The database's own words when there are some (an SQLException deep down), else Flyway's first line. */
    static String rootReason(Throwable failure) {
        String reason = Causes.chain(failure).stream()
                .filter(t -> t instanceof SQLException && t.getMessage() != null)
                .reduce((outer, inner) -> inner).map(Throwable::getMessage).orElse(null);
        return oneLine(reason != null ? reason : failure.getMessage());
    }

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String first = message.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    public static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String label(MigrationInfo info) {
        String name = info.getVersion() == null ? info.getScript() : "V" + info.getVersion().getVersion();
        return info.getDescription() == null || info.getDescription().isBlank()
                ? name : name + " (" + info.getDescription() + ")";
    }

    /** Turns Flyway's per-script events into progress; it touches no database, so any transaction is fine. */
    private static final class Watcher implements Callback {

        private final MigrationProgress progress;
        private final List<String> applied = new ArrayList<>();
        private final AtomicReference<String> failing = new AtomicReference<>();
        private String failingVersion;

        Watcher(MigrationProgress progress) {
            this.progress = progress;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
                    || event == Event.AFTER_EACH_MIGRATE_ERROR;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            MigrationInfo info = context.getMigrationInfo();
            if (info == null) {
                return;
            }
            String label = label(info);
            switch (event) {
                case BEFORE_EACH_MIGRATE -> progress.started(label);
                case AFTER_EACH_MIGRATE -> {
                    applied.add(label);
                    progress.finished(label);
                }
                case AFTER_EACH_MIGRATE_ERROR -> {
                    failing.set(label);
                    failingVersion = info.getVersion() == null ? null : info.getVersion().getVersion();
                }
                default -> {
                }
            }
        }

        @Override
        public String getCallbackName() {
            return "redflag-console-progress";
        }
    }
}
