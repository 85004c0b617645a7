package org.redflag.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.testfx.util.WaitForAsyncUtils;

/**
 * V19's storage_latest is, at every moment, each disk's newest storage figure as a plain DISTINCT ON over every
 * figure finds it: after its backfill of a history that was already there, and as figures arrive (one at a time,
 * many in one statement, out of order, from writers whose transactions overlap), change and go (a deleted newest
 * figure, a purge, an agent removed, a truncate).
 */
class StorageLatestTest {

    /** Each disk's newest figure recounted from every figure: the latest created_at, the figure's id on a tie. */
    private static final String RECOUNT = """
            SELECT DISTINCT ON (agent_id, mountpoint) agent_id, mountpoint, id AS metric_id, used_percent, total_bytes,
                   used_bytes, created_at
            FROM storage_metrics
            ORDER BY agent_id, mountpoint, created_at DESC, id DESC
            """;
    private static final String KEPT = """
            SELECT agent_id, mountpoint, metric_id, used_percent, total_bytes, used_bytes, created_at
            FROM storage_latest
            ORDER BY agent_id, mountpoint
            """;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void theMigrationFillsEachDisksNewestFigureFromTheFiguresAlreadyThere() {
        TestDatabase db = TestPostgres.newDatabase();
        // As Flyway runs for the console (SchemaMigrator), but only up to the version before storage_latest.
        FluentConfiguration upToV18 = Flyway.configure().dataSource(db.dataSource()).target("18");
        upToV18.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        upToV18.load().migrate();
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'storage_latest'")).isZero();
        db.execute("INSERT INTO agents (hostname, os_type) SELECT 'host-' || i, 'linux' FROM generate_series(1, 30) i");
        // Five figures per disk whose fullness rises and falls across 90 %, in no order of time; on every seventh
        // disk two figures share the newest moment, so the id decides.
        db.execute("""
                INSERT INTO storage_metrics (agent_id, mountpoint, total_bytes, used_bytes, available_bytes, used_percent,
                                             created_at)
                SELECT a.id, m.mount, 1000, 0, 0, (a.n * 37 + k * 53 + length(m.mount) * 11) %% 1000 / 10.0,
                       '%s'::timestamptz - make_interval(hours => CASE WHEN (a.n + length(m.mount)) %% 7 = 0 AND k < 2
                                                                      THEN 0 ELSE ((k * 3 + a.n) %% 5 + k)::int END)
                FROM (SELECT id, row_number() OVER (ORDER BY hostname) AS n FROM agents) a
                CROSS JOIN (VALUES ('/'), ('/var'), ('/home')) m(mount)
                CROSS JOIN generate_series(0, 4) k
                """.formatted(now));
        List<Map<String, Object>> newest = RedFlagFixtures.rows(db, RECOUNT);

        db.migrated();

        assertThat(newest).hasSize(90);
        assertThat(newest).filteredOn(r -> ((BigDecimal) r.get("used_percent")).intValue() >= 90).isNotEmpty();
        assertThat(RedFlagFixtures.rows(db, KEPT)).isEqualTo(newest);
        assertKeptEqualsRecount(db);
    }

    @Test
    void theTriggersKeepEachDisksNewestFigureAsFiguresArriveChangeAndGo() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web = Fleets.insertAgent(db, "web-01", "linux", now);
        UUID db01 = Fleets.insertAgent(db, "db-01", "linux", now);

        insert(db, web, "/", 50, 0);
        assertThat(kept(db, web, "/")).isEqualByComparingTo("50");
        // One statement, several figures of one disk out of order, two of them at the same moment.
        db.execute("""
                INSERT INTO storage_metrics (agent_id, mountpoint, total_bytes, used_bytes, available_bytes, used_percent,
                                             created_at)
                VALUES ('%1$s', '/var', 1000, 0, 0, 70, '%2$s'::timestamptz - interval '2 hours'),
                       ('%1$s', '/var', 1000, 0, 0, 91, '%2$s'::timestamptz - interval '1 hour'),
                       ('%1$s', '/var', 1000, 0, 0, 92, '%2$s'::timestamptz - interval '1 hour'),
                       ('%1$s', '/var', 1000, 0, 0, 60, '%2$s'::timestamptz - interval '3 hours'),
                       ('%3$s', '/', 1000, 0, 0, 97, '%2$s'::timestamptz - interval '1 hour')
                """.formatted(web, now, db01));
        assertKeptEqualsRecount(db);
        insert(db, web, "/", 95, -60);
        assertThat(kept(db, web, "/")).as("an older figure arriving late changes nothing").isEqualByComparingTo("50");

        insert(db, web, "/", 96, 10);
        assertThat(kept(db, web, "/")).isEqualByComparingTo("96");
        insert(db, web, "/", 40, 20);
        assertThat(kept(db, web, "/")).as("full, then back under the threshold").isEqualByComparingTo("40");
        db.execute("DELETE FROM storage_metrics WHERE agent_id = '" + web + "' AND mountpoint = '/' AND used_percent = 40");
        assertThat(kept(db, web, "/")).as("its newest figure deleted, the one before it counts").isEqualByComparingTo("96");
        db.execute("DELETE FROM storage_metrics WHERE agent_id = '" + web + "' AND mountpoint = '/' AND used_percent = 50");
        assertThat(kept(db, web, "/")).as("an older figure deleted changes nothing").isEqualByComparingTo("96");
        assertKeptEqualsRecount(db);

        db.execute("UPDATE storage_metrics SET used_percent = 30 WHERE agent_id = '" + web + "' AND used_percent = 96");
        assertThat(kept(db, web, "/")).isEqualByComparingTo("30");
        db.execute("UPDATE storage_metrics SET created_at = created_at - interval '1 day' WHERE agent_id = '" + web
                + "' AND mountpoint = '/' AND used_percent = 30");
        assertThat(kept(db, web, "/")).as("its newest figure moved back in time").isEqualByComparingTo("95");
        assertKeptEqualsRecount(db);

        db.execute("DELETE FROM storage_metrics WHERE created_at < '" + now + "'::timestamptz - interval '90 minutes'");
        assertKeptEqualsRecount(db);
        db.execute("DELETE FROM storage_metrics WHERE agent_id = '" + web + "' AND mountpoint = '/'");
        assertThat(db.queryLong("SELECT count(*) FROM storage_latest WHERE agent_id = ? AND mountpoint = '/'", web))
                .as("a disk without figures has no newest one").isZero();
        assertKeptEqualsRecount(db);

        db.execute("DELETE FROM agents WHERE id = '" + db01 + "'");
        assertThat(db.queryLong("SELECT count(*) FROM storage_latest WHERE agent_id = ?", db01)).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM storage_latest")).isPositive();
        assertKeptEqualsRecount(db);

        db.execute("TRUNCATE storage_metrics");
        assertThat(db.queryLong("SELECT count(*) FROM storage_latest")).isZero();
    }

    @Test
    void aWriterThatCommitsLastWithAnOlderFigureLeavesTheNewerOne() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web = Fleets.insertAgent(db, "web-01", "linux", now);
        insert(db, web, "/", 10, -10);

        try (Connection newer = db.dataSource().getConnection(); Statement s = newer.createStatement()) {
            newer.setAutoCommit(false);
            s.execute(insertSql(web, "/", 95, 5));
            // The older figure's writer waits for the disk's row, which the newer one holds, then finds it newer.
            CompletableFuture<Void> older = CompletableFuture.runAsync(() -> insert(db, web, "/", 20, 1));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> db.queryLong("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND wait_event_type = 'Lock'") == 1);
            newer.commit();
            older.get(30, TimeUnit.SECONDS);
        }

        assertThat(kept(db, web, "/")).isEqualByComparingTo("95");
        assertKeptEqualsRecount(db);
    }

    private void insert(TestDatabase db, UUID agent, String mountpoint, int usedPercent, int minutesFromNow) {
        db.execute(insertSql(agent, mountpoint, usedPercent, minutesFromNow));
    }

    private String insertSql(UUID agent, String mountpoint, int usedPercent, int minutesFromNow) {
        return """
                INSERT INTO storage_metrics (agent_id, mountpoint, total_bytes, used_bytes, available_bytes, used_percent,
                                             created_at)
                VALUES ('%s', '%s', 1000, %d, %d, %d, '%s'::timestamptz + make_interval(mins => %d))
                """.formatted(agent, mountpoint, usedPercent * 10, 1000 - usedPercent * 10, usedPercent, now,
                minutesFromNow);
    }

    private static BigDecimal kept(TestDatabase db, UUID agent, String mountpoint) {
        return new BigDecimal(db.queryString("SELECT used_percent FROM storage_latest WHERE agent_id = ? AND mountpoint = ?",
                agent, mountpoint));
    }

    private static void assertKeptEqualsRecount(TestDatabase db) {
        List<Map<String, Object>> recount = RedFlagFixtures.rows(db, RECOUNT);
        assertThat(recount).as("figures to keep").isNotEmpty();
        assertThat(RedFlagFixtures.rows(db, KEPT)).isEqualTo(recount);
    }
}
