package org.redflag.console.ui.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.redflag.console.app.DatabaseAudit;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.migration.AuditRepository;
import org.redflag.console.migration.LegacyAudit;
import org.redflag.console.migration.ReplayAudit;
import org.redflag.console.migration.ReplaySource;
import org.redflag.console.migration.ServerThrowaways;
import org.redflag.console.migration.Severity;
import org.postgresql.ds.PGSimpleDataSource;
import org.redflag.console.testing.RedFlagDatabases;
import org.redflag.console.testing.RedFlagDatabases.StorageMetrics;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.SameThreadExecutor;

/** The Audit tab's model on one thread, on real databases; the replay runs on the shared test server. */
class AuditViewModelTest {

    private static final String V4 = "V4__index_commands_in_flight.sql";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private final List<String> notifications = new ArrayList<>();
    private int schemaChanges;
    private int statusRefreshes;

    @Test
    void aHandDroppedIndexIsFalseCompleteAndItsPlanRepairsItWithOneHistoryRow() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("DROP INDEX idx_agent_commands_in_flight");
        AuditViewModel model = model(db, folder -> Optional.of(ReplaySource.console()));

        model.runAudit();

        assertThat(model.sourceProperty().get())
                .matches("Replayed \\d+ scripts on PostgreSQL \\S+ in \\d+\\.\\d s; the database is on PostgreSQL \\S+\\.");
        assertThat(model.warningProperty().get()).isEmpty();
        assertThat(model.verdicts()).filteredOn(v -> v.migration().equals(V4)).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo("FALSE COMPLETE");
            assertThat(v.badge()).isEqualTo("badge-danger");
        });
        assertThat(model.verdicts()).filteredOn(v -> !v.migration().equals(V4))
                .allMatch(v -> v.verdict().equals("effects present"));
        assertThat(model.summaryProperty().get()).isEqualTo("1 finding: 1 error, 0 warnings, 0 notes");
        AuditRows.Finding finding = model.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.kind()).isEqualTo("false complete");
        assertThat(finding.objectKey()).isEqualTo("index idx_agent_commands_in_flight");

        model.select(finding);

        assertThat(model.targetDefinitionProperty().get()).isEqualTo(AuditViewModel.MISSING);
        assertThat(model.replayDefinitionProperty().get()).contains("CREATE INDEX idx_agent_commands_in_flight");
        assertThat(model.findingRepairProperty().get()).contains("CREATE INDEX");
        assertThat(model.planEmptyProperty().get()).isFalse();
        assertThat(model.planScriptProperty().get()).contains("idx_agent_commands_in_flight");
        assertThat(model.planStatements()).singleElement().asString().startsWith("1. CREATE INDEX");

        model.applyPlan();

        assertThat(model.log()).anyMatch(l -> l.matches("\\[1/1] CREATE INDEX .* — done in \\d+ ms"));
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.outcomeFailedProperty().get()).isFalse();
        assertThat(model.outcomeProperty().get()).isEqualTo(
                "1 step applied; the re-audit finds the database what its record claims.");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'schema_repair' AND result = 'success'"
                + " AND stdout LIKE 'CREATE INDEX%idx_agent_commands_in_flight%'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'schema_repair'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_agent_commands_in_flight'"))
                .isEqualTo(1);
        assertThat(model.findings()).isEmpty();
        assertThat(model.verdicts()).allMatch(v -> v.verdict().equals("effects present"));
        assertThat(model.summaryProperty().get()).startsWith("Clean:");
        assertThat(model.planEmptyProperty().get()).isTrue();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(schemaChanges).isEqualTo(1);
        assertThat(statusRefreshes).isEqualTo(1);
        assertThat(notifications).isEmpty();
    }

    @Test
    void aHandChangedColumnShowsBothDefinitions() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("ALTER TABLE agents ALTER COLUMN hostname TYPE varchar(100)");
        AuditViewModel model = model(db, folder -> Optional.of(ReplaySource.console()));

        model.runAudit();
        model.select(model.findings().get(0));

        assertThat(model.verdicts()).anyMatch(v -> v.verdict().equals("drifted") && v.badge().equals("badge-warning"));
        assertThat(model.targetDefinitionProperty().get()).isEqualTo("character varying(100) NOT NULL");
        assertThat(model.replayDefinitionProperty().get()).isEqualTo("character varying(255) NOT NULL");
    }

    @Test
    void withoutScriptsTheHandCatalogAuditsAndSaysSo() {
        TestDatabase db = RedFlagDatabases.afterPostMortem(StorageMetrics.RECORDED_BUT_MISSING);
        AuditViewModel model = model(db, folder -> folder.map(ReplaySource::redFlagFolder));

        model.runAudit();

        assertThat(model.sourceProperty().get()).isEqualTo(AuditViewModel.NO_SCRIPTS)
                .startsWith("No scripts: checked against the console's hand catalog of RedFlag 015–023a only.");
        assertThat(model.findings()).extracting(f -> f.migration() + " " + f.kind())
                .containsExactly("017 false complete", "021 false complete");
        assertThat(model.verdicts()).hasSize(4);
        assertThat(model.summaryProperty().get()).isEqualTo("2 findings: 2 errors, 0 warnings, 0 notes");
        assertThat(model.planEmptyProperty().get()).isTrue();
        model.select(model.findings().get(0));
        assertThat(model.targetDefinitionProperty().get()).isEmpty();
    }

    private AuditViewModel model(TestDatabase db, Function<Optional<Path>, Optional<ReplaySource>> sources) {
        SchemaMigrator migrator = new SchemaMigrator(db.dataSource());
        HistoryRepository history = new HistoryRepository(db.dataSource());
        ErrorReporter errors = new ErrorReporter(history,
                (String title, String message, UUID entry) -> notifications.add(title + ": " + message), clock, "test");
        DatabaseAudit audit = new DatabaseAudit(sharedServerReplay(), new LegacyAudit(new AuditRepository(db.dataSource()),
                migrator), sources, db.dataSource(), history, clock);
        return new AuditViewModel(audit, Optional.empty(), new SameThreadExecutor(), errors, () -> schemaChanges++,
                () -> statusRefreshes++);
    }

    /** Replays on the shared test server: a CREATE DATABASE instead of a server start. */
    private static ReplayAudit sharedServerReplay() {
        return new ReplayAudit(new ServerThrowaways(dataSource("postgres"), AuditViewModelTest::dataSource));
    }

    private static DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {TestPostgres.port()});
        ds.setDatabaseName(database);
        ds.setUser(TestPostgres.SUPERUSER);
        return ds;
    }
}
