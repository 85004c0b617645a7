package org.redflag.console.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

/**
 * The History's filters given what no row can match: each is one sentence at the filter, one console-error row
 * in the history (once per mistake) and no query; SQL's own characters are searched for as themselves.
 */
class HistorySearchInputTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path folder;

    private TestDatabase db;
    private HistoryViewModel model;
    private RecordingNotifier notifier;

    @BeforeEach
    void arrange() {
        db = TestPostgres.newDatabase().migrated();
        HistoryRepository history = new HistoryRepository(db.dataSource());
        notifier = new RecordingNotifier();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ErrorReporter errors = new ErrorReporter(ErrorSpool.in(folder), notifier, clock, "test", Runnable::run);
        errors.attach(history);
        model = new HistoryViewModel(history, new SameThreadExecutor(), clock, errors, null);
        HistoryRows.scan(db, Fleets.insertAgent(db, "web_01.prod", "linux", NOW), NOW, "system", "success");
        HistoryRows.scan(db, Fleets.insertAgent(db, "webX01.prod", "linux", NOW), NOW, "system", "success");
    }

    @Test
    void aNulInTheHostnameSearchIsOneSentenceAndOneRow() {
        model.hostnameSearchProperty().set("web\u0000");
        model.reload();
        model.reload();

        assertRefused("The search text contains a NUL character, which no history row can contain. Remove it and "
                + "search again.");
    }

    @Test
    void tenThousandCharactersInTheOutputSearchAreOneSentenceAndOneRow() {
        model.outputSearchProperty().set("x".repeat(10_000));
        model.reload();

        assertRefused("The search text is longer than 500 characters. Search for a shorter, distinctive part of it.");
    }

    @Test
    void aDateInTheYear40000IsOneSentenceAndOneRow() {
        model.fromDateProperty().set(LocalDate.of(40_000, 1, 1));
        model.reload();

        assertRefused("A date of the time range is outside the years 1 to 9999. Pick a date in that range, or clear it.");
    }

    @Test
    void sqlCharactersInTheHostnameSearchAreSearchedForAsThemselves() {
        model.hostnameSearchProperty().set("web_");
        model.reload();
        assertThat(model.rows()).extracting(HistoryEntry::hostname).containsExactly("web_01.prod");

        model.hostnameSearchProperty().set("%'; DELETE FROM update_logs; --");
        model.reload();
        assertThat(model.rows()).isEmpty();
        assertThat(model.filterMessageProperty().get()).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(2);
        assertThat(notifier.shown()).isEmpty();
    }

    private void assertRefused(String sentence) {
        assertThat(model.filterMessageProperty().get()).isEqualTo(sentence);
        assertThat(model.rows()).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error' AND subsystem = "
                + "'history' AND stderr LIKE ?", sentence.substring(0, 40) + "%")).isEqualTo(1);
        assertThat(notifier.shown()).singleElement()
                .satisfies(shown -> assertThat(shown.message()).isEqualTo(sentence));
    }
}
