package org.redflag.console.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.SameThreadExecutor;
import org.redflag.console.ui.history.HistoryDateRange.Preset;
import org.redflag.console.ui.history.HistoryDateRange.Side;

/** Dates as the admin types them (issue 14, items 2 and 8), against what SQL says matches. */
class HistoryDateRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path folder;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private TestDatabase db;
    private RecordingNotifier notifier;
    private HistoryViewModel model;
    private UUID web;

    @BeforeEach
    void arrange() {
        db = TestPostgres.newDatabase().migrated();
        HistoryRepository history = new HistoryRepository(db.dataSource());
        notifier = new RecordingNotifier();
        ErrorReporter errors = new ErrorReporter(ErrorSpool.in(folder), notifier, clock, "test", Runnable::run);
        errors.attach(history);
        web = Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        for (int hour = 0; hour < 24 * 10; hour += 5) {
            HistoryRows.scan(db, web, NOW.minusSeconds(hour * 3600L + 600), "storage", "success");
        }
        model = new HistoryViewModel(history, new SameThreadExecutor(), clock, errors, null);
    }

    @Test
    void anIsoDateAndAnIsoDateWithATimeFilterExactlyTheRowsSqlSays() {
        model.range().typeDate(Side.FROM, "2026-11-20");
        model.range().typeDate(Side.TO, " 2026-11-22 14:30 ");
        model.reload();

        assertThat(model.range().time(Side.TO).get()).isEqualTo(LocalTime.of(14, 30));
        assertThat(ids()).containsExactlyInAnyOrderElementsOf(sql("executed_at >= '2026-11-20T00:00Z' "
                + "AND executed_at < '2026-11-22T14:31Z'"));
        assertThat(ids()).isNotEmpty();
        assertThat(model.filterMessageProperty().get()).isEmpty();
        assertThat(notifier.shown()).isEmpty();
    }

    @Test
    void theLocalesShortFormatIsReadToo() {
        model.range().useLocale(Locale.US);
        model.range().typeDate(Side.FROM, "11/20/26");
        model.range().typeDate(Side.TO, "11/21/2026");
        model.reload();

        assertThat(model.fromDateProperty().get()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(ids()).isNotEmpty().containsExactlyInAnyOrderElementsOf(sql("executed_at >= '2026-11-20T00:00Z' "
                + "AND executed_at < '2026-11-22T00:00Z'"));

        model.range().useLocale(Locale.GERMANY);
        model.range().typeDate(Side.FROM, "21.11.2026");
        assertThat(model.fromDateProperty().get()).isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void theLast24HoursPresetFiltersByTheClock() {
        model.range().typeDate(Side.TO, "2026-11-01");
        model.range().apply(Preset.LAST_24_HOURS);

        assertThat(model.fromDateProperty().get()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(model.range().time(Side.FROM).get()).isEqualTo(LocalTime.of(12, 0));
        assertThat(model.toDateProperty().get()).isNull();
        assertThat(ids()).hasSize(5).containsExactlyInAnyOrderElementsOf(sql("executed_at >= '2026-11-24T12:00Z'"));

        model.range().apply(Preset.ALL);
        assertThat(ids()).hasSize(48);
    }

    @Test
    void anUnreadableDateIsOneSentenceOneRowWithoutAStackTraceAndNoDateInTheQuery() {
        model.range().typeDate(Side.FROM, "2026-11-24");
        model.reload();
        assertThat(ids()).hasSize(8);

        // Enter, then the focus leaving: the picker reads the same text twice.
        model.range().typeDate(Side.FROM, "2026-13-45");
        model.range().typeDate(Side.FROM, "2026-13-45");
        model.reload();

        String sentence = model.filterMessageProperty().get();
        assertThat(sentence).startsWith("'2026-13-45' is not a date the console can read.").contains("2026-11-20 14:30");
        // The stale 2026-11-24 is not queried: no date filter at all, and the summary says so.
        assertThat(model.filter().from()).isNull();
        assertThat(ids()).hasSize(48);
        assertThat(model.summaryProperty().get()).startsWith("date ignored: '2026-13-45' · ");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isEqualTo(1);
        String stored = db.queryString("SELECT coalesce(stderr, '') || coalesce(stdout, '') || coalesce(metadata::text, '') "
                + "FROM update_logs WHERE action = 'console_error'");
        assertThat(stored).contains("2026-13-45", "is not a date the console can read").doesNotContain("at org.",
                "Exception");
        assertThat(notifier.shown()).hasSize(1);

        model.range().typeDate(Side.FROM, "yesterday-ish");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isEqualTo(2);

        model.range().typeDate(Side.FROM, "");
        model.reload();
        assertThat(model.filterMessageProperty().get()).isEmpty();
        assertThat(model.summaryProperty().get()).doesNotContain("ignored");
    }

    @Test
    void anUnreadableTimeLeavesThatEndOutAndSaysSo() {
        model.range().typeDate(Side.FROM, "2026-11-24");
        model.range().typeTime(Side.FROM, "25:99");
        model.reload();

        assertThat(model.filterMessageProperty().get()).startsWith("'25:99' is not a time of day");
        assertThat(model.summaryProperty().get()).startsWith("time ignored: '25:99'");
        assertThat(ids()).hasSize(48);

        model.range().typeTime(Side.FROM, "9:00");
        model.reload();
        assertThat(ids()).containsExactlyInAnyOrderElementsOf(sql("executed_at >= '2026-11-24T09:00Z'"));
    }

    private List<UUID> ids() {
        return model.rows().stream().filter(e -> "scan".equals(e.action())).map(HistoryEntry::id).toList();
    }

    private List<UUID> sql(String where) {
        List<UUID> ids = new java.util.ArrayList<>();
        try (var c = db.dataSource().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT id FROM update_logs WHERE action = 'scan' AND " + where)) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
