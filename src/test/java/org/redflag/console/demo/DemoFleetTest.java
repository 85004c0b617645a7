package org.redflag.console.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class DemoFleetTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void seedingTwiceAddsTheFleetOnce() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        DemoFleet fleet = new DemoFleet(db.dataSource(), clock);

        assertThat(fleet.seed()).isEqualTo(DemoFleet.size());
        long history = db.queryLong("SELECT count(*) FROM update_logs");
        long subsystems = db.queryLong("SELECT count(*) FROM agent_subsystems");
        assertThat(fleet.seed()).isZero();

        assertThat(db.queryLong("SELECT count(*) FROM agents")).isEqualTo(DemoFleet.size());
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(history).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM agent_subsystems")).isEqualTo(subsystems).isPositive();
        // Each agent online at the seed has its first updates and storage scans queued, once, for its agent to answer.
        long online = db.queryLong("SELECT count(*) FROM agents WHERE last_seen > ?",
                java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofMinutes(15))));
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE status = 'pending' AND source = 'system' "
                + "AND command_type IN ('scan_updates', 'scan_storage')")).isEqualTo(2 * online).isPositive();
    }

    @Test
    void demoAgentsAreMarkedAndMixed() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        new DemoFleet(db.dataSource(), clock).seed();

        assertThat(db.queryLong("SELECT count(*) FROM agents WHERE metadata ->> 'demo' = 'true' AND machine_id LIKE 'demo-%'"))
                .isEqualTo(DemoFleet.size());
        assertThat(db.queryLong("SELECT count(DISTINCT os_type) FROM agents")).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM agents WHERE last_seen > ?",
                java.sql.Timestamp.from(clock.instant().minusSeconds(15 * 60)))).isBetween(5L, 20L);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE result = 'failed'")).isPositive();
    }

    @Test
    void aDatabaseGivenByUrlNeverGetsTheDemoFleet() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        ConsoleSettings askedForDemo = new ConsoleSettings(
                new DatabaseTarget.Server(db.url(), TestPostgres.SUPERUSER), true, true);

        try (ConsoleContext context = ConsoleContext.open(askedForDemo, Optional.empty(), clock)) {
            assertThat(context.agents().count()).isZero();
        }
        assertThat(askedForDemo.seedsDemoFleet()).isFalse();
    }
}
