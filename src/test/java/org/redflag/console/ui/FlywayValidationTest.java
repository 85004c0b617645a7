package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.testing.RealMigrations;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * A schema found up to date by its record opens without Flyway, and Flyway's validation that follows the first rows
 * says what it finds through the error door; anything else at start is Flyway's, exactly as before: a pending script
 * is migrated, an edited one refuses the start.
 */
class FlywayValidationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:30:00Z"), ZoneOffset.UTC);

    @Test
    void aProblemFlywayFindsAfterTheStartIsReportedThroughTheErrorDoor() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        RecordingNotifier notifier = new RecordingNotifier();
        AtomicInteger statusRead = new AtomicInteger();
        try (ConsoleContext opened = ConsoleContext.open(db.settings(true), Optional.empty(), CLOCK)) {
            ErrorReporter door = new ErrorReporter(ErrorSpool.in(Files.createTempDirectory("validation")), notifier,
                    CLOCK, "test", Runnable::run);
            door.attach(opened.history());
            assertThat(opened.schemaCheckedWithoutFlyway()).isTrue();

            FlywayValidation.run(opened, new SameThreadExecutor(), door, statusRead::incrementAndGet);
            assertThat(notifier.shown()).isEmpty();

            // Edited between the start's check and the validation: the only way the two can disagree.
            db.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
            FlywayValidation.run(opened, new SameThreadExecutor(), door, statusRead::incrementAndGet);
        }

        assertThat(notifier.shown()).singleElement().satisfies(shown -> assertThat(shown.message())
                .contains("V2 (one active scan per agent and type) was edited after it was applied")
                .contains("See the Migrations view"));
        assertThat(statusRead).hasValue(1);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error' "
                + "AND stderr LIKE '%was edited after it was applied%'")).isEqualTo(1);
    }

    @Test
    void aPendingScriptIsMigratedAtStartAsBefore() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        org.flywaydb.core.Flyway.configure().dataSource(db.dataSource()).target("1").load().migrate();
        String newest = RealMigrations.newest().version();

        try (ConsoleContext opened = ConsoleContext.open(db.settings(true), Optional.empty(), CLOCK)) {
            assertThat(opened.schemaCheckedWithoutFlyway()).isFalse();
        }
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = ? AND success",
                newest)).isEqualTo(1);
    }

    @Test
    void aScriptEditedAfterItWasAppliedRefusesTheStartAsBefore() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

        assertThatThrownBy(() -> ConsoleContext.open(db.settings(true), Optional.empty(), CLOCK))
                .isInstanceOfSatisfying(ConnectionProblem.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.SCHEMA_MIGRATION_FAILED);
                    assertThat(problem.getMessage()).contains("could not be brought up to date");
                });
    }
}
