package org.redflag.console.redflag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.redflag.console.migration.Companion;
import org.redflag.console.schema.Feature;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.CatalogSnapshot;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;

/** What the console adds to a RedFlag database is asked for, listed, versioned apart, and removable. */
class CompanionTest {

    @Test
    void withoutYesTheCommandPrintsThePlanAndChangesNothing() {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        List<String> before = CatalogSnapshot.take(db);

        CliRun plan = CliRun.against(db, "migrations", "companion", "--install");

        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("schema redflag_console", "trigger redflag_console_notify",
                "index redflag_console_agents_hostname", "Nothing was changed. Add --yes to do it.");
        assertThat(CatalogSnapshot.take(db)).containsExactlyElementsOf(before);
    }

    @Test
    void installedTheDatabaseAnnouncesChangesAndRemovedItIsExactlyAsBefore() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        List<String> before = CatalogSnapshot.take(db);

        CliRun install = CliRun.against(db, "migrations", "companion", "--install", "--yes");

        assertThat(install.exitCode()).as(install.err()).isZero();
        assertThat(install.out()).contains("installed at V4");
        assertThat(SchemaProbe.probe(db.dataSource()).has(Feature.LIVE_TRIGGERS)).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM redflag_console.flyway_schema_history WHERE success")).isGreaterThanOrEqualTo(3);
        String agent = RedFlagFixtures.agent(db, 0).toString();
        try (Connection listener = db.dataSource().getConnection(); Statement s = listener.createStatement()) {
            s.execute("LISTEN redflag_changes");
            db.execute("UPDATE agent_commands SET status = 'cancelled' WHERE agent_id = '" + agent + "'");
            db.execute("INSERT INTO update_logs (agent_id, action, result) VALUES ('" + agent + "', 'scan_updates', 'success')");
            // The two changes may arrive in separate reads: gather what is heard for up to 10 s.
            List<String> heard = new java.util.ArrayList<>();
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (heard.stream().noneMatch(p -> p.startsWith("update_logs,")) && System.nanoTime() < until) {
                PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(1_000);
                if (batch != null) {
                    java.util.Arrays.stream(batch).map(PGNotification::getParameter).forEach(heard::add);
                }
            }
            assertThat(heard).anyMatch(p -> p.startsWith("agent_commands," + agent + ","))
                    .anyMatch(p -> p.startsWith("update_logs," + agent + ","));
        }

        CliRun remove = CliRun.against(db, "migrations", "companion", "--remove", "--yes");

        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(remove.out()).contains("not installed");
        assertThat(CatalogSnapshot.take(db)).containsExactlyElementsOf(before);
    }

    @Test
    void a023aIndexIsOfferedToAFirstGenerationDatabaseAndRefusedWhileDuplicatesStandInItsWay() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.V0_1_18);
        String agent = RedFlagFixtures.agent(db, 1).toString();
        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + agent + "'");
        db.execute("INSERT INTO agent_commands (agent_id, command_type, status) VALUES ('" + agent + "', 'scan_updates', 'pending'),"
                + " ('" + agent + "', 'scan_updates', 'pending')");
        Companion companion = new Companion(db.dataSource(), "public");

        assertThat(companion.status().onePendingIndex()).isFalse();
        assertThat(companion.status().duplicatePending()).isEqualTo(1);
        assertThatThrownBy(companion::addOnePendingIndex).hasMessageContaining("more than one pending command");

        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + agent + "'");
        CliRun add = CliRun.against(db, "migrations", "companion", "--add-pending-index", "--yes");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("023a index      present");
        assertThat(SchemaProbe.probe(db.dataSource()).has(Feature.ONE_PENDING_INDEX)).isTrue();
        assertThat(db.queryString("SELECT pg_get_indexdef('idx_agent_pending_subsystem'::regclass)"))
                .isEqualTo("CREATE UNIQUE INDEX idx_agent_pending_subsystem ON public.agent_commands USING btree "
                        + "(agent_id, command_type, status) WHERE ((status)::text = 'pending'::text)");
    }

    @Test
    void theConsolesOwnSchemaHasNoCompanion() {
        TestDatabase db = org.redflag.console.testing.TestPostgres.newDatabase().migrated();

        CliRun status = CliRun.against(db, "migrations", "companion");

        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err()).contains("The companion is for RedFlag databases");
    }
}
