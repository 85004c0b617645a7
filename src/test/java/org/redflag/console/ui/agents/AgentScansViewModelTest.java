package org.redflag.console.ui.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.live.ChangeNotice;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.ClickGuard;
import org.redflag.console.ui.SameThreadExecutor;

/** What a row says about the scans asked for on its agent: each request's fate, and no reads once settled. */
class AgentScansViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CountingExecutor executor = new CountingExecutor();
    private TestDatabase db;
    private AgentRow web;
    private AgentScansViewModel scans;

    @BeforeEach
    void fleet() throws Exception {
        db = TestPostgres.newDatabase().migrated();
        UUID agent = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage", "system");
        ErrorReporter errors = new ErrorReporter(ErrorSpool.in(Files.createTempDirectory("row-scans")),
                new RecordingNotifier(), clock, "test", Runnable::run);
        errors.attach(new HistoryRepository(db.dataSource()));
        ScanService service = new ScanService(new CommandRepository(db.dataSource()),
                new SubsystemRepository(db.dataSource()), new AgentRepository(db.dataSource()), clock,
                ScanService.DEFAULT_COMMAND_TIMEOUT);
        ScanRequests requests = new ScanRequests(service, executor, errors, clock,
                new ClickGuard<>(clock, ClickGuard.DEFAULT_QUIET_WINDOW));
        scans = new AgentScansViewModel(requests, new CommandRepository(db.dataSource()), executor, (id, host) -> null);
        web = AgentRow.of(new AgentRepository(db.dataSource()).find(agent).orElseThrow(), clock);
    }

    @Test
    void twoScansInARowAreBothShownNewestFirst() {
        scans.scan(web);
        scans.subsystemProperty().set(Subsystem.SYSTEM);
        scans.scan(web);

        RowScans row = scans.states().get(web.agent().id());
        assertThat(row.text()).isEqualTo("system queued · storage queued");
        assertThat(row.lines()).isEqualTo("system queued\nstorage queued");
        assertThat(row.busy(Subsystem.STORAGE)).isFalse();
    }

    @Test
    void eachRequestFollowsItsOwnCommandAndASettledOneIsNotReadAgain() {
        scans.scan(web);
        scans.subsystemProperty().set(Subsystem.SYSTEM);
        scans.scan(web);
        complete("storage");

        scans.changed(ChangeNotice.poll());
        assertThat(scans.states().get(web.agent().id()).text()).matches("system queued · storage completed \\S+");

        int before = executor.submitted.get();
        scans.changed(ChangeNotice.poll());
        assertThat(executor.submitted.get() - before).as("only the system scan is still on its way").isEqualTo(1);

        complete("system");
        scans.changed(ChangeNotice.poll());
        before = executor.submitted.get();
        scans.changed(ChangeNotice.poll());
        assertThat(executor.submitted.get() - before).as("nothing left to follow").isZero();
        assertThat(scans.states().get(web.agent().id()).text())
                .matches("system completed \\S+ · storage completed \\S+");
    }

    @Test
    void aBatchAfterASingleScanKeepsTheOtherSubsystemsLine() {
        scans.subsystemProperty().set(Subsystem.SYSTEM);
        scans.scan(web);
        scans.subsystemProperty().set(Subsystem.STORAGE);
        scans.scanAll(List.of(web));

        assertThat(scans.states().get(web.agent().id()).text()).isEqualTo("storage queued · system queued");
    }

    private void complete(String subsystem) {
        db.execute("UPDATE agent_commands SET status = 'completed', completed_at = created_at "
                + "WHERE agent_id = '" + web.agent().id() + "' AND command_type = 'scan_" + subsystem + "'");
    }

    /** Runs work at once and counts it: how many reads a notice costs. */
    private static final class CountingExecutor implements BackgroundExecutor {
        final AtomicInteger submitted = new AtomicInteger();
        private final SameThreadExecutor inner = new SameThreadExecutor();

        @Override
        public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
            submitted.incrementAndGet();
            inner.submit(work, onSuccess, onFailure);
        }
    }
}
