package org.redflag.console.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class HistoryRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private TestDatabase db;
    private HistoryRepository history;
    private UUID web;
    private UUID dbHost;

    @BeforeEach
    void arrange() {
        db = TestPostgres.newDatabase().migrated();
        history = new HistoryRepository(db.dataSource());
        web = Fleets.insertAgent(db, "web-01.prod", "linux", T0);
        dbHost = Fleets.insertAgent(db, "db-01.prod", "linux", T0);
    }

    @Test
    void keysetPagesReturnEveryRowOnceNewestFirstEvenWithEqualTimestamps() throws Exception {
        Set<UUID> inserted = new HashSet<>();
        // 7 distinct times, 13 rows each: most neighbours share their executed_at exactly.
        for (int i = 0; i < 91; i++) {
            inserted.add(HistoryRows.scan(db, i % 2 == 0 ? web : dbHost, T0.minusSeconds(i / 13), "storage", "success"));
        }

        List<HistoryEntry> seen = new ArrayList<>();
        HistoryRepository.PageKey after = null;
        int pages = 0;
        while (true) {
            List<HistoryEntry> page = history.page(HistoryFilter.all(), after, 10);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            seen.addAll(page);
            after = HistoryRepository.PageKey.after(page.get(page.size() - 1));
        }

        assertThat(pages).isEqualTo(10);
        assertThat(seen).hasSize(91);
        assertThat(seen).extracting(HistoryEntry::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inserted);
        for (int i = 1; i < seen.size(); i++) {
            HistoryEntry newer = seen.get(i - 1);
            HistoryEntry older = seen.get(i);
            assertThat(older.executedAt()).isBeforeOrEqualTo(newer.executedAt());
            if (older.executedAt().equals(newer.executedAt())) {
                assertThat(isSmallerInPostgres(older.id(), newer.id())).isTrue();
            }
        }
    }

    @Test
    void filtersCombineInSql() throws Exception {
        HistoryRows.scan(db, web, T0.minusSeconds(10), "storage", "success");
        UUID wanted = HistoryRows.insert(db, web, T0.minusSeconds(20), "storage", "scan", "failed", 2, 9,
                "", "disk /dev/sda1: I/O error");
        HistoryRows.insert(db, web, T0.minusSeconds(30), "updates", "scan", "failed", 2, 9, "", "disk I/O error");
        HistoryRows.insert(db, dbHost, T0.minusSeconds(40), "storage", "scan", "failed", 2, 9, "", "disk I/O error");
        HistoryRows.insert(db, web, T0.minus(Duration.ofDays(3)), "storage", "scan", "failed", 2, 9, "", "I/O error");

        HistoryFilter filter = new HistoryFilter(null, "WEB-01", "storage", "failed", T0.minus(Duration.ofDays(1)),
                T0, "i/o ERROR", false);

        assertThat(history.page(filter, null, 50)).extracting(HistoryEntry::id).containsExactly(wanted);
        assertThat(history.count(filter, 10)).contains(1L);
        assertThat(history.page(filter.withAgent(dbHost), null, 50)).isEmpty();
    }

    @Test
    void aFixedAgentShowsOnlyThatAgentsRows() throws Exception {
        UUID mine = HistoryRows.scan(db, web, T0, "system", "success");
        HistoryRows.scan(db, dbHost, T0, "system", "success");

        assertThat(history.page(HistoryFilter.forAgent(web), null, 50)).extracting(HistoryEntry::id).containsExactly(mine);
    }

    @Test
    void consoleErrorsOnlyShowsWhatTheConsoleRecorded() throws Exception {
        HistoryRows.scan(db, web, T0, "storage", "failed");
        UUID error = history.insertConsoleError(new ConsoleError(UUID.randomUUID(), T0, "agents", "Could not load",
                "trace", null, "host", "user", "1.0", "main"));
        HistoryFilter onlyErrors = new HistoryFilter(null, "", "", "", null, null, "", true);

        assertThat(history.page(onlyErrors, null, 50)).extracting(HistoryEntry::id).containsExactly(error);
    }

    @Test
    void sqlMetacharactersInEveryTextFilterAreJustText() throws Exception {
        String nasty = "'; DROP TABLE update_logs; --";
        UUID literal = HistoryRows.insert(db, web, T0, "storage", "scan", "failed", 1, 1, "ran " + nasty, "");
        HistoryRows.insert(db, web, T0.minusSeconds(1), "storage", "scan", "success", 0, 1, "100% done_ok", "");

        assertThat(history.page(new HistoryFilter(null, nasty, nasty, nasty, null, null, nasty, false), null, 50))
                .isEmpty();
        assertThat(history.page(new HistoryFilter(null, "", "", "", null, null, nasty, false), null, 50))
                .extracting(HistoryEntry::id).containsExactly(literal);
        // LIKE's own wildcards in the search match only themselves.
        assertThat(history.page(new HistoryFilter(null, "", "", "", null, null, "0%_d", false), null, 50)).isEmpty();
        assertThat(history.page(new HistoryFilter(null, "", "", "", null, null, "0% d", false), null, 50)).hasSize(1);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(2);
    }

    @Test
    void anAbsurdTimeRangeGetsAClearMessageOrSimplyNoRows() throws Exception {
        HistoryRows.scan(db, web, T0, "storage", "success");
        HistoryFilter backwards = new HistoryFilter(null, "", "", "", T0, T0.minusSeconds(60), "", false);
        HistoryFilter year9999 = new HistoryFilter(null, "", "", "", Instant.parse("9999-01-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), "", false);
        HistoryFilter beyond = new HistoryFilter(null, "", "", "", null, Instant.parse("+200000-01-01T00:00:00Z"), "", false);

        assertThat(backwards.problem()).hasValueSatisfying(p -> assertThat(p).contains("ends before it starts"));
        assertThatThrownBy(() -> history.page(backwards, null, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Choose an end on or after the start");
        assertThat(year9999.problem()).isEmpty();
        assertThat(history.page(year9999, null, 10)).isEmpty();
        assertThat(beyond.problem()).hasValueSatisfying(p -> assertThat(p).contains("outside the years 1 to 9999"));
    }

    @Test
    void outputsAreCutToAPrefixWithTheirFullLengthUntilAllIsAskedFor() throws Exception {
        String big = "x".repeat(3_000_000);
        UUID id = HistoryRows.insert(db, web, T0, "docker", "scan", "success", 0, 1, big, "warn");

        HistoryEntry listed = history.page(HistoryFilter.all(), null, 10).get(0);
        HistoryOutput preview = history.output(id, 1000).orElseThrow();
        HistoryOutput all = history.output(id, Integer.MAX_VALUE).orElseThrow();

        assertThat(listed.stdout()).hasSize(HistoryRepository.PREVIEW_CHARS);
        assertThat(preview.stdout()).hasSize(1000);
        assertThat(preview.stdoutLength()).isEqualTo(3_000_000);
        assertThat(preview.stdoutComplete()).isFalse();
        assertThat(preview.stderrComplete()).isTrue();
        assertThat(all.stdout()).isEqualTo(big);
        assertThat(history.output(UUID.randomUUID(), 10)).isEmpty();
    }

    @Test
    void theTrigramIndexIsThereOnTheEmbeddedServer() {
        // The embedded binaries ship pg_trgm, so V8 built the indexes the output search uses.
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'idx_update_logs_%_trgm'"))
                .isEqualTo(2);
    }

    @Test
    void writingTheSameConsoleErrorTwiceKeepsOneRow() throws Exception {
        ConsoleError error = new ConsoleError(UUID.randomUUID(), T0, "agents", "Could not load", "trace", web,
                "host", "user", "1.0", "main");

        UUID first = history.insertConsoleError(error);
        UUID second = history.insertConsoleError(error);

        assertThat(second).isEqualTo(first);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(1);
    }

    @Test
    void aSchemaWithoutTheKeyColumnStillTakesConsoleErrorsOnceEvenAcrossTheUpgrade() throws Exception {
        // A migration after V4 failed, say: the history must still take the error that says so.
        TestDatabase old = TestPostgres.newDatabase();
        Flyway.configure().dataSource(old.dataSource()).target("4").load().migrate();
        HistoryRepository oldHistory = new HistoryRepository(old.dataSource());
        ConsoleError error = new ConsoleError(UUID.randomUUID(), T0, "migrations", "V6 failed", "trace", null,
                "host", "user", "1.0", "main");

        UUID first = oldHistory.insertConsoleError(error);
        UUID again = oldHistory.insertConsoleError(error);
        old.migrated();
        UUID replayedAfterUpgrade = oldHistory.insertConsoleError(error);

        assertThat(again).isEqualTo(first);
        assertThat(replayedAfterUpgrade).isEqualTo(first);
        assertThat(old.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(1);
        assertThat(old.queryString("SELECT stderr FROM update_logs WHERE id = ?", first)).contains("V6 failed");
        assertThat(old.queryString("SELECT metadata ->> 'idempotency_key' FROM update_logs WHERE id = ?", first))
                .isEqualTo(error.idempotencyKey().toString());
    }

    @Test
    void aConsoleErrorForAnAgentThatIsGoneKeepsTheAgentInTheMetadata() throws Exception {
        UUID gone = UUID.randomUUID();
        UUID id = history.insertConsoleError(new ConsoleError(UUID.randomUUID(), T0, ConsoleArea.SCAN.word(), "Refused",
                "", gone, "host", "user", "1.0", "main"));

        assertThat(db.queryString("SELECT agent_id::text FROM update_logs WHERE id = ?", id)).isNull();
        assertThat(db.queryString("SELECT metadata ->> 'agent_id' FROM update_logs WHERE id = ?", id))
                .isEqualTo(gone.toString());
    }

    @Test
    void aStreamThatFailsKeepsItsOwnFailureWhenTheRollbackFailsToo() {
        HistoryRows.scan(db, web, T0, "storage", "success");
        IllegalStateException sinkFailed = new IllegalStateException("the export's disk is full");

        Throwable thrown = catchThrowable(() -> history.stream(HistoryFilter.all(), () -> false, row -> {
            // The server goes too: the rollback that follows the sink's failure fails as well.
            db.takeAway();
            throw sinkFailed;
        }));
        db.bringBack();

        assertThat(thrown).as("the failure that stopped the stream, not the rollback's").isSameAs(sinkFailed);
        assertThat(thrown.getSuppressed()).as("the failed rollback is kept beside it")
                .anySatisfy(rollback -> assertThat(rollback).isInstanceOf(SQLException.class));
    }

    /** PostgreSQL orders uuids bytewise; Java's UUID.compareTo compares signed longs. */
    private static boolean isSmallerInPostgres(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high < 0 : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits()) < 0;
    }
}
