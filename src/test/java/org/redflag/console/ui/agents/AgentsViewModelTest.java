package org.redflag.console.ui.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.SameThreadExecutor;

class AgentsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void theSlowPollKeepsLastSeenAndTheOnlineCountCurrentWithoutARefresh() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "db-01.prod", "linux", NOW.minus(Duration.ofMinutes(1)));
        UUID web = Fleets.insertAgent(db, "web-01.prod", "linux", NOW.minus(Duration.ofHours(1)));
        List<Throwable> failures = new ArrayList<>();
        AgentsViewModel model = new AgentsViewModel(new AgentRepository(db.dataSource()), new SameThreadExecutor(),
                clock, failures::add);
        model.reload();
        assertThat(model.summaryProperty().get()).isEqualTo("2 agents shown · 1 online");

        // The agent checks in; no notification comes for a heartbeat.
        db.execute("UPDATE agents SET last_seen = '" + NOW + "' WHERE id = '" + web + "'");
        model.resync();

        assertThat(model.summaryProperty().get()).isEqualTo("2 agents shown · 2 online");
        assertThat(model.rows()).filteredOn(r -> r.agent().id().equals(web)).singleElement()
                .satisfies(row -> assertThat(row.agent().lastSeen()).isEqualTo(NOW));
        assertThat(failures).isEmpty();
    }

    @Test
    void loadMoreDuringTheSearchPauseStaysWithTheSearchTheRowsShow() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        for (int i = 0; i < AgentsViewModel.PAGE_SIZE + 20; i++) {
            Fleets.insertAgent(db, String.format("web-%03d.prod", i), "linux", NOW);
        }
        Fleets.insertAgent(db, "zz-db-01.prod", "linux", NOW);
        AgentsViewModel model = new AgentsViewModel(new AgentRepository(db.dataSource()), new SameThreadExecutor(),
                clock, failure -> { });
        model.searchTextProperty().set("web-");
        model.reload();
        assertThat(model.rows()).hasSize(AgentsViewModel.PAGE_SIZE);

        // The admin types on; the reload waits for the pause, and meanwhile the list scrolls to its end.
        model.searchTextProperty().set("db");
        model.loadMore();

        assertThat(model.rows()).hasSize(AgentsViewModel.PAGE_SIZE + 20)
                .allMatch(row -> row.agent().hostname().startsWith("web-"));
        assertThat(model.shownFilter()).isEqualTo("web-");
    }

    @Test
    void aReplacedLoadsFailureNeitherEndsTheNewLoadNorReportsAnError() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        HeldExecutor held = new HeldExecutor();
        List<Throwable> reported = new ArrayList<>();
        AgentsViewModel model = new AgentsViewModel(new AgentRepository(db.dataSource()), held, clock, reported::add);
        model.reload();
        model.reload();

        held.fail(0, new java.sql.SQLException("the first load's connection broke"));

        assertThat(model.loadingProperty().get()).as("the second load is still on its way").isTrue();
        assertThat(reported).isEmpty();
        held.run(1);
        assertThat(model.loadingProperty().get()).isFalse();
        assertThat(model.rows()).hasSize(1);
    }

    /** Holds submitted work until the test says how it ends, so answers can arrive out of order. */
    private static final class HeldExecutor implements org.redflag.console.ui.BackgroundExecutor {
        private record Held(java.util.concurrent.Callable<Object> work, java.util.function.Consumer<Object> done,
                java.util.function.Consumer<Throwable> failed) {
        }

        private final List<Held> held = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public <T> void submit(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                java.util.function.Consumer<Throwable> onFailure) {
            held.add(new Held((java.util.concurrent.Callable<Object>) work,
                    (java.util.function.Consumer<Object>) onSuccess, onFailure));
        }

        void run(int index) {
            Held h = held.get(index);
            try {
                h.done().accept(h.work().call());
            } catch (Exception e) {
                h.failed().accept(e);
            }
        }

        void fail(int index, Throwable failure) {
            held.get(index).failed().accept(failure);
        }
    }

    @Test
    void aSearchNoHostnameCanMatchIsOneSentenceAndNoQuery() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        List<Throwable> faults = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        AgentsViewModel model = new AgentsViewModel(new AgentRepository(db.dataSource()), new SameThreadExecutor(),
                clock, faults::add);
        model.onInputProblem(sentences::add);

        model.searchTextProperty().set("web\u0000");
        model.reload();
        model.searchTextProperty().set("w".repeat(10_000));
        model.reload();

        assertThat(sentences).containsExactly(
                "The search contains a NUL character, which no hostname contains. Remove it and search again.",
                "The search is longer than a hostname can be (255 characters). Search for a shorter part of the name.");
        assertThat(model.summaryProperty().get()).startsWith("The search is longer");
        assertThat(model.rows()).isEmpty();
        assertThat(faults).isEmpty();
        // The database never sees a NUL, even from a caller that skips the check.
        assertThat(new AgentRepository(db.dataSource()).countMatching("web\u0000")).isZero();
    }

    @Test
    void aRequestSetsTheFiltersClearsTheSearchAndLoadsOnceAndTheSummaryCountsTheFilter() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("""
                INSERT INTO agents (hostname, os_type, last_seen)
                SELECT 'web-' || lpad(g::text, 3, '0') || '.prod', CASE WHEN g %% 2 = 0 THEN 'windows' ELSE 'linux' END,
                       CASE WHEN g %% 3 = 0 THEN timestamptz '%s' ELSE timestamptz '%s' - interval '1 hour' END
                FROM generate_series(1, 400) g
                """.formatted(NOW, NOW));
        CountingExecutor executor = new CountingExecutor();
        AgentsViewModel model = new AgentsViewModel(new AgentRepository(db.dataSource()), executor, clock,
                failure -> { });
        model.searchTextProperty().set("web-00");
        model.reload();
        int before = executor.submitted;

        model.open(new AgentsRequest("offline", "linux", null, null));

        long expected = db.queryLong("SELECT count(*) FROM agents WHERE os_type = 'linux' AND last_seen <= ?",
                java.sql.Timestamp.from(NOW.minus(org.redflag.console.fleet.Presence.ONLINE_WINDOW)));
        assertThat(model.searchTextProperty().get()).isEmpty();
        assertThat(model.filters().presenceProperty().get()).isEqualTo("offline");
        assertThat(model.filters().osProperty().get()).isEqualTo("linux");
        assertThat(executor.submitted - before).as("one page, no reload per filter").isEqualTo(1);
        assertThat(model.rows()).hasSize((int) expected)
                .allSatisfy(row -> assertThat(row.agent().osType()).isEqualTo("linux"));
        assertThat(model.summaryProperty().get()).isEqualTo(expected + " agents shown · 0 online");

        // Any OS: more than a page, and the summary says of how many.
        model.filters().osProperty().set("");
        long offline = db.queryLong("SELECT count(*) FROM agents WHERE last_seen <= ?",
                java.sql.Timestamp.from(NOW.minus(org.redflag.console.fleet.Presence.ONLINE_WINDOW)));
        assertThat(model.summaryProperty().get()).isEqualTo(AgentsViewModel.PAGE_SIZE + " of " + offline
                + " agents shown · 0 online");
        assertThat(model.narrowedProperty().get()).isTrue();
    }

    /** Runs work at once, on the caller's thread, counting what it was given. */
    private static final class CountingExecutor implements org.redflag.console.ui.BackgroundExecutor {
        int submitted;

        @Override
        public <T> void submit(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                java.util.function.Consumer<Throwable> onFailure) {
            submitted++;
            new SameThreadExecutor().submit(work, onSuccess, onFailure);
        }
    }
}
