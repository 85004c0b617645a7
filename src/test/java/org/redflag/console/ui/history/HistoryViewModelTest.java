package org.redflag.console.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.ClickGuard;
import org.redflag.console.ui.SameThreadExecutor;
import org.redflag.console.ui.agents.ScanRequests;

class HistoryViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path folder;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private TestDatabase db;
    private HistoryRepository history;
    private RecordingNotifier notifier;
    private ErrorReporter errors;
    private UUID web;

    @BeforeEach
    void arrange() {
        db = TestPostgres.newDatabase().migrated();
        history = new HistoryRepository(db.dataSource());
        notifier = new RecordingNotifier();
        errors = new ErrorReporter(ErrorSpool.in(folder), notifier, clock, "test", Runnable::run);
        errors.attach(history);
        web = Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
    }

    @Test
    void anExportIsNamedAfterItsFilterAndTheTimeSoExportsDoNotOverwriteEachOther() {
        HistoryViewModel model = model(null);
        model.subsystemProperty().set("docker");
        model.resultProperty().set("failed");

        assertThat(model.suggestedExportName()).isEqualTo("history-docker-failed-2026-11-25-1200.csv");
    }

    @Test
    void scrollingOnLoadsTheNextPagesUntilEveryMatchingRowIsListedOnce() {
        db.execute("INSERT INTO update_logs (agent_id, action, result, subsystem, stdout, executed_at) "
                + "SELECT '" + web + "', 'scan', 'success', CASE WHEN i % 2 = 0 THEN 'storage' ELSE 'updates' END, "
                + "'ok', timestamptz '2026-11-25 11:00:00+00' - (i / 3) * interval '1 second' "
                + "FROM generate_series(1, 900) AS i");
        HistoryViewModel model = model(null);
        model.subsystemProperty().set("storage");

        model.reload();
        assertThat(model.rows()).hasSize(HistoryViewModel.PAGE_SIZE);
        assertThat(model.moreAvailableProperty().get()).isTrue();
        model.loadMore();
        model.loadMore();
        model.loadMore();

        assertThat(model.rows()).hasSize(450).extracting(HistoryEntry::id).doesNotHaveDuplicates();
        assertThat(model.rows()).extracting(HistoryEntry::subsystem).containsOnly("storage");
        assertThat(model.moreAvailableProperty().get()).isFalse();
        assertThat(model.summaryProperty().get()).isEqualTo("450 entries shown · 0 failed");
    }

    @Test
    void datesAreWholeDaysWithBothEndsIncluded() {
        HistoryRows.scan(db, web, Instant.parse("2026-11-23T23:59:59Z"), "system", "success");
        UUID first = HistoryRows.scan(db, web, Instant.parse("2026-11-24T00:00:00Z"), "system", "success");
        UUID last = HistoryRows.scan(db, web, Instant.parse("2026-11-24T23:59:59Z"), "system", "success");
        HistoryRows.scan(db, web, Instant.parse("2026-11-25T00:00:00Z"), "system", "success");
        HistoryViewModel model = model(null);
        model.fromDateProperty().set(LocalDate.of(2026, 11, 24));
        model.toDateProperty().set(LocalDate.of(2026, 11, 24));

        model.reload();

        assertThat(model.rows()).extracting(HistoryEntry::id).containsExactly(last, first);
    }

    @Test
    void aTimeRangeThatEndsBeforeItStartsIsOneConsoleErrorAndNoQuery() {
        HistoryRows.scan(db, web, NOW, "system", "success");
        HistoryViewModel model = model(null);
        model.reload();
        model.fromDateProperty().set(LocalDate.of(2026, 11, 25));
        model.toDateProperty().set(LocalDate.of(2026, 11, 1));

        model.reload();
        model.reload();

        assertThat(model.rows()).isEmpty();
        assertThat(model.filterMessageProperty().get()).contains("ends before it starts");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error' AND subsystem = 'history' "
                + "AND stderr LIKE 'The time range ends before it starts%'")).isEqualTo(1);
        assertThat(notifier.shown()).hasSize(1);

        model.toDateProperty().set(LocalDate.of(9999, 12, 31));
        model.reload();
        assertThat(model.filterMessageProperty().get()).isEmpty();
        // The refused range is history too.
        assertThat(model.rows()).extracting(HistoryEntry::action).containsExactlyInAnyOrder("scan", "console_error");
    }

    @Test
    void aShortOutputSearchIsAHintNotAnErrorAndAFullOneSearches() {
        UUID wanted = HistoryRows.insert(db, web, NOW, "updates", "scan", "failed", 100, 3, "", "E: Unable to locate package");
        HistoryRows.scan(db, web, NOW.minusSeconds(5), "updates", "success");
        HistoryViewModel model = model(null);

        model.outputSearchProperty().set("E:");
        model.reload();
        assertThat(model.filterMessageProperty().get()).contains("at least 3 characters");
        assertThat(model.rows()).hasSize(2);

        model.outputSearchProperty().set("unable TO locate");
        model.reload();
        assertThat(model.filterMessageProperty().get()).isEmpty();
        assertThat(model.rows()).extracting(HistoryEntry::id).containsExactly(wanted);
        assertThat(notifier.shown()).isEmpty();
    }

    @Test
    void aTenMegabyteOutputIsShownCutUntilShowAllIsAsked() {
        String big = ("0123456789".repeat(9) + "abcdefghi\n").repeat(100_000);
        HistoryRows.insert(db, web, NOW, "docker", "scan", "success", 0, 42, big, "");
        HistoryViewModel model = model(null);
        model.reload();

        model.select(model.rows().get(0));
        HistoryViewModel.Detail cut = model.detailProperty().get();
        model.showAll();
        HistoryViewModel.Detail all = model.detailProperty().get();

        assertThat(cut.complete()).isFalse();
        assertThat(cut.stdout().text()).hasSize(HistoryDetails.PREVIEW_CHARS);
        assertThat(cut.stdout().fullLength()).isEqualTo(10_000_000);
        assertThat(all.complete()).isTrue();
        assertThat(all.stdout().text()).isEqualTo(big);
        assertThat(all.stdout().lines()).hasSize(100_000);
        assertThat(all.stderr().lines()).isEmpty();
    }

    @Test
    void aFixedAgentShowsOnlyThatAgentsHistoryWhateverTheHostnameSearchSays() {
        UUID other = Fleets.insertAgent(db, "db-01.prod", "linux", NOW);
        UUID mine = HistoryRows.scan(db, web, NOW, "storage", "success");
        HistoryRows.scan(db, other, NOW, "storage", "success");
        HistoryViewModel model = model(web);
        model.hostnameSearchProperty().set("db-01");

        model.reload();

        assertThat(model.rows()).extracting(HistoryEntry::id).containsExactly(mine);
    }

    @Test
    void revealOpensAnEntryThatIsNotListed() {
        UUID error = HistoryRows.insert(db, null, NOW, "agents", "console_error", "failed", null, null, null, "boom");
        HistoryViewModel model = model(null);
        model.consoleErrorsOnlyProperty().set(false);
        model.resultProperty().set("success");
        model.reload();

        model.reveal(error);

        assertThat(model.detailProperty().get().entry().id()).isEqualTo(error);
        assertThat(model.detailProperty().get().stderr().text()).isEqualTo("boom");
    }

    @Test
    void exportWritesTheFilteredRowsAndSaysSo() throws Exception {
        HistoryRows.scan(db, web, NOW, "storage", "failed");
        HistoryRows.scan(db, web, NOW.minusSeconds(1), "storage", "success");
        HistoryViewModel model = model(null);
        model.resultProperty().set("failed");
        Path target = folder.resolve("failed.csv");

        model.exportCsv(target);

        assertThat(Files.readAllLines(target)).hasSize(2);
        assertThat(model.exportStatusProperty().get()).isEqualTo("Exported 1 rows to " + target);
        assertThat(model.exportingProperty().get()).isFalse();
    }

    @Test
    void aRefusedScansErrorIsFoundUnderTheScanAreaTheFilterOffers() {
        Fleets.insertSubsystem(db, web, "docker", false);
        ScanService scans = new ScanService(new CommandRepository(db.dataSource()),
                new SubsystemRepository(db.dataSource()), new AgentRepository(db.dataSource()), clock,
                ScanService.DEFAULT_COMMAND_TIMEOUT);
        ScanRequests requests = new ScanRequests(scans, new SameThreadExecutor(), errors, clock,
                new ClickGuard<>(clock, ClickGuard.DEFAULT_QUIET_WINDOW));
        requests.request(web, "web-01.prod", Subsystem.DOCKER, new ScanRequests.Answer() {
            @Override
            public void answered(ScanOutcome outcome) {
            }

            @Override
            public void notQueued(String reason) {
            }
        });
        UUID error = UUID.fromString(db.queryString("SELECT id::text FROM update_logs WHERE action = 'console_error'"));
        HistoryViewModel model = model(null);

        List<String> findIt = new ArrayList<>();
        for (String choice : model.subsystemChoices()) {
            model.subsystemProperty().set(choice);
            model.reload();
            if (!choice.isEmpty() && model.rows().stream().anyMatch(e -> e.id().equals(error))) {
                findIt.add(choice);
            }
        }

        assertThat(findIt).as("the History offers the area the scan door writes").containsExactly("scan");
    }

    private HistoryViewModel model(UUID fixedAgent) {
        return new HistoryViewModel(history, new SameThreadExecutor(), clock, errors, fixedAgent);
    }
}
