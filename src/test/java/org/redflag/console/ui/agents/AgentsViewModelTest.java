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
}
