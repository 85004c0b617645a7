package org.redflag.console.ui.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.ClickGuard;
import org.redflag.console.ui.SameThreadExecutor;

/** What scan clicks become: a refusal is one sentence kept once; a batch's summary is about its own subsystem. */
class ScanRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aBatchsSummaryGoesWhenAnotherSubsystemIsChosen() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID agent = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage", "docker");
        ErrorReporter errors = new ErrorReporter(ErrorSpool.in(Files.createTempDirectory("scan-batch")),
                new RecordingNotifier(), clock, "test", Runnable::run);
        errors.attach(new HistoryRepository(db.dataSource()));
        AgentScansViewModel scans = new AgentScansViewModel(requests(db, errors), new CommandRepository(db.dataSource()),
                new SameThreadExecutor(), (id, host) -> null);
        org.redflag.console.fleet.Agent web = new AgentRepository(db.dataSource()).find(agent).orElseThrow();

        scans.scanAll(List.of(AgentRow.of(web, clock)));
        assertThat(scans.batchSummaryProperty().get()).isEqualTo("Scan storage on 1 agent: 1 queued, 0 already queued, 0 refused");

        scans.subsystemProperty().set(Subsystem.DOCKER);

        assertThat(scans.batchSummaryProperty().get()).isEmpty();
    }

    private ScanRequests requests(TestDatabase db, ErrorReporter errors) {
        ScanService scans = new ScanService(new CommandRepository(db.dataSource()), new SubsystemRepository(db.dataSource()),
                new AgentRepository(db.dataSource()), clock, ScanService.DEFAULT_COMMAND_TIMEOUT);
        return new ScanRequests(scans, new SameThreadExecutor(), errors, clock,
                new ClickGuard<>(clock, ClickGuard.DEFAULT_QUIET_WINDOW));
    }

    @Test
    void aRefusedScanIsOneHistoryRowWithItsSentenceAndNoStackTrace() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID agent = Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        Fleets.insertSubsystem(db, agent, "docker", false);
        ErrorReporter errors = new ErrorReporter(ErrorSpool.in(Files.createTempDirectory("scan-requests")),
                new RecordingNotifier(), clock, "test", Runnable::run);
        errors.attach(new HistoryRepository(db.dataSource()));
        ScanRequests requests = requests(db, errors);
        List<String> told = new ArrayList<>();

        requests.request(agent, "web-01.prod", Subsystem.DOCKER, new ScanRequests.Answer() {
            @Override
            public void answered(ScanOutcome outcome) {
                told.add("queued");
            }

            @Override
            public void notQueued(String reason) {
                told.add(reason);
            }
        });

        assertThat(told).singleElement().asString().contains("docker subsystem is disabled on web-01.prod");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isEqualTo(1);
        assertThat(db.queryString("SELECT stderr FROM update_logs WHERE action = 'console_error'"))
                .isEqualTo(told.get(0)).doesNotContain("at org.redflag", "ScanRefused");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
    }
}
