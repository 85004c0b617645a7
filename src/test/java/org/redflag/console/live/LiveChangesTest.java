package org.redflag.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The triggers announce command and history changes; the listener hears them on its own connection. */
class LiveChangesTest {

    @Test
    void changesMadeByAnotherConnectionArriveAsNotices() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID agent = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", Instant.now(), "storage");
        ChangeBus bus = new ChangeBus();
        BlockingQueue<ChangeNotice> notices = new LinkedBlockingQueue<>();
        BlockingQueue<LiveChanges.Mode> modes = new LinkedBlockingQueue<>();
        bus.onChange(Runnable::run, notice -> {
            if (!notice.isPoll()) {
                notices.add(notice);
            }
        });
        bus.onMode(Runnable::run, modes::add);
        // Polls far apart: whatever arrives here came through NOTIFY.
        LiveChanges.Settings settings = new LiveChanges.Settings(Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofSeconds(1));
        try (LiveChanges live = new LiveChanges(() -> db.dataSource().getConnection(), bus, settings)) {
            live.start();
            assertThat(modes.poll(10, TimeUnit.SECONDS)).isEqualTo(LiveChanges.Mode.POLLING);
            assertThat(modes.poll(10, TimeUnit.SECONDS)).isEqualTo(LiveChanges.Mode.LIVE);

            String command = db.queryString("INSERT INTO agent_commands (agent_id, command_type) VALUES (?, 'scan_storage') "
                    + "RETURNING id::text", agent);
            assertThat(notices.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(new ChangeNotice("agent_commands", agent, UUID.fromString(command)));

            db.execute("UPDATE agent_commands SET status = 'completed', completed_at = now() WHERE id = '" + command + "'");
            assertThat(notices.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(new ChangeNotice("agent_commands", agent, UUID.fromString(command)));

            db.execute("INSERT INTO update_logs (agent_id, command_id, action, result, subsystem) VALUES ('" + agent
                    + "', '" + command + "', 'scan_storage', 'success', 'storage')");
            assertThat(notices.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(new ChangeNotice("update_logs", agent, UUID.fromString(command)));

            // One statement, many rows: one notice that says "many", not a notice per row.
            db.execute("INSERT INTO agent_commands (agent_id, command_type, status, completed_at) SELECT '" + agent
                    + "', 'scan_storage', 'completed', now() FROM generate_series(1, 200)");
            ChangeNotice bulk = notices.poll(10, TimeUnit.SECONDS);
            assertThat(bulk).isEqualTo(new ChangeNotice("agent_commands", null, null, true));
            assertThat(bulk.reloadsEverything()).isTrue();
            assertThat(bulk.concernsAgent(UUID.randomUUID())).isTrue();
            assertThat(notices.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void withoutAConnectionTheModeIsPollingAndPollsStillArrive() throws Exception {
        ChangeBus bus = new ChangeBus();
        BlockingQueue<ChangeNotice> polls = new LinkedBlockingQueue<>();
        bus.onChange(Runnable::run, polls::add);
        LiveChanges.Settings settings = new LiveChanges.Settings(Duration.ofHours(1), Duration.ofMillis(100),
                Duration.ofHours(1));
        try (LiveChanges live = new LiveChanges(() -> {
            throw new java.sql.SQLException("Connection refused");
        }, bus, settings)) {
            live.start();
            assertThat(polls.poll(10, TimeUnit.SECONDS)).isEqualTo(ChangeNotice.poll());
            assertThat(bus.mode()).isEqualTo(LiveChanges.Mode.POLLING);
        }
    }

    @Test
    void payloadsParseAndNoticesSayWhomTheyConcern() {
        UUID agent = UUID.randomUUID();
        UUID command = UUID.randomUUID();
        ChangeNotice notice = ChangeNotice.parse("update_logs," + agent + "," + command).orElseThrow();
        assertThat(notice).isEqualTo(new ChangeNotice("update_logs", agent, command));
        assertThat(notice.concernsAgent(agent)).isTrue();
        assertThat(notice.concernsAgent(UUID.randomUUID())).isFalse();
        assertThat(ChangeNotice.parse("update_logs,,").orElseThrow().agentId()).isNull();
        assertThat(ChangeNotice.parse("garbage")).isEmpty();
        assertThat(ChangeNotice.poll().concernsCommand(command)).isTrue();
    }
}
