package org.redflag.console.ui.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.migration.MigrationService;
import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.testing.RealMigrations;
import org.redflag.console.testing.RealMigrations.Script;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.SameThreadExecutor;

/** The view model on one thread (no stage): what the Migrations view shows after each command. */
class MigrationsViewModelTest {

    /** Runs the work at once on the calling thread, as the FX thread would receive it. */
    private static final BackgroundExecutor SAME_THREAD = new SameThreadExecutor();

    /** A clock that moves a second each time it is read, so elapsed time is known exactly. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant read = now;
            now = now.plus(Duration.ofSeconds(1));
            return read;
        }
    }

    private final List<String> notifications = new ArrayList<>();
    private int statusRefreshes;

    @Test
    void migrateAppliesWhatIsPendingAndReportsProgressAndElapsedTime() {
        TestDatabase db = TestPostgres.newDatabase();
        List<Script> scripts = RealMigrations.all();
        MigrationsViewModel model = model(db);
        model.refresh();
        assertThat(model.summaryProperty().get()).isEqualTo("schema at no version, " + scripts.size() + " pending, 0 failed");
        assertThat(model.pendingCountProperty().get()).isEqualTo(scripts.size());

        model.migrate();

        assertThat(model.summaryProperty().get())
                .isEqualTo("schema at V" + RealMigrations.newest().version() + ", 0 pending, 0 failed");
        assertThat(model.rows()).extracting(MigrationStatus::version)
                .containsExactlyElementsOf(scripts.stream().map(Script::version).toList());
        assertThat(model.rows()).extracting(MigrationStatus::state).containsOnly("Success");
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.elapsedProperty().get()).matches("\\d+\\.0 s");
        assertThat(model.outcomeProperty().get()).isEqualTo(scripts.size() + " migrations applied.");
        assertThat(model.outcomeFailedProperty().get()).isFalse();
        assertThat(model.log()).anyMatch(l -> l.endsWith(scripts.size() + " pending: " + RealMigrations.labels(scripts)));
        for (Script script : scripts) {
            assertThat(model.log()).anyMatch(l -> l.endsWith("Applying " + script.label() + "…"))
                    .anyMatch(l -> l.endsWith(script.label() + " applied."));
        }
        assertThat(model.migratingProperty().get()).isFalse();
        assertThat(notifications).isEmpty();
        assertThat(statusRefreshes).isEqualTo(1);
    }

    @Test
    void aFailedMigrateSaysWhatAndWhyAndWritesAHistoryRow() {
        // V2 fails on a schema at V1, older than the history's key column (V6): the row must still be written.
        TestDatabase db = TestPostgres.newDatabase();
        Flyway.configure().dataSource(db.dataSource()).target("1").load().migrate();
        db.execute("CREATE INDEX idx_agent_commands_one_active ON agents (hostname)");
        String v2 = RealMigrations.version("2").label();
        MigrationsViewModel model = model(db);
        model.refresh();

        model.migrate();

        assertThat(model.outcomeFailedProperty().get()).isTrue();
        assertThat(model.outcomeProperty().get()).startsWith(v2 + " failed: ERROR: "
                + "relation \"idx_agent_commands_one_active\" already exists. PostgreSQL rolled the script back");
        assertThat(model.log()).anyMatch(l -> l.contains(v2 + " FAILED: ERROR: relation"));
        assertThat(notifications).singleElement().asString().startsWith("Migrations — error: " + v2 + " failed");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error' AND subsystem = 'migrations'"))
                .isEqualTo(1);
        assertThat(model.summaryProperty().get())
                .isEqualTo("schema at V1, " + RealMigrations.after("1").size() + " pending, 0 failed");
    }

    @Test
    void validateListsEachProblemInWords() {
        TestDatabase db = TestPostgres.newDatabase();
        MigrationsViewModel model = model(db);

        model.validate();

        assertThat(model.validationSummaryProperty().get()).isEqualTo(RealMigrations.count() + " validation problems:");
        assertThat(model.validation()).containsExactlyElementsOf(RealMigrations.all().stream()
                .map(s -> s.label() + " is pending: this build has it, the database does not yet. Run Migrate.").toList());
    }

    private MigrationsViewModel model(TestDatabase db) {
        Clock clock = new SteppingClock();
        SchemaMigrator migrator = new SchemaMigrator(db.dataSource());
        ErrorReporter errors = new ErrorReporter(new HistoryRepository(db.dataSource()),
                (String title, String message, UUID entry) -> notifications.add(title + ": " + message), clock, "test");
        return new MigrationsViewModel(new MigrationService(migrator), db.name(), SAME_THREAD, Runnable::run,
                clock, errors, () -> statusRefreshes++);
    }
}
