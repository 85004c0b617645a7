package org.redflag.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.MutableClock;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * The first figures read while the window starts are what its first Overview shows, once; later reads, and a first
 * showing long after, read the database again.
 */
class FirstFiguresAheadTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:30:00Z");

    @Test
    void theFiguresReadAheadAreTakenOnceThenTheDatabaseIsReadAgain() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        OverviewRepository overview = overview(db, new MutableClock(NOW));
        overview.readFirstFiguresAhead(Runnable::run);
        Fleets.insertAgent(db, "web-02.prod", "linux", NOW);

        assertThat(overview.firstFigures().agents().total()).isEqualTo(1);
        assertThat(overview.firstFigures().agents().total()).isEqualTo(2);
        assertThat(overview.takeFirstFiguresReadAhead(false)).isEmpty();
    }

    @Test
    void theWindowMayTakeTheFiguresReadAheadItself() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        OverviewRepository overview = overview(db, new MutableClock(NOW));
        overview.readFirstFiguresAhead(Runnable::run);
        Fleets.insertAgent(db, "web-02.prod", "linux", NOW);

        assertThat(overview.takeFirstFiguresReadAhead(false)).hasValueSatisfying(f -> assertThat(f.agents().total())
                .isEqualTo(1));
        assertThat(overview.firstFigures().agents().total()).isEqualTo(2);
    }

    @Test
    void theFxThreadsQuestionNeverWaitsForAReadStillRunning() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        OverviewRepository overview = overview(db, new MutableClock(NOW));
        java.util.List<Runnable> held = new java.util.ArrayList<>();
        overview.readFirstFiguresAhead(held::add);

        assertThat(overview.takeFirstFiguresReadAhead(true)).isEmpty();
        held.forEach(Runnable::run);
        assertThat(overview.takeFirstFiguresReadAhead(true)).hasValueSatisfying(f -> assertThat(f.agents().total())
                .isEqualTo(1));
        assertThat(overview.takeFirstFiguresReadAhead(true)).isEmpty();
    }

    @Test
    void figuresReadAheadLongBeforeTheFirstShowingAreReadAgain() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        MutableClock clock = new MutableClock(NOW);
        OverviewRepository overview = overview(db, clock);
        overview.readFirstFiguresAhead(Runnable::run);
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        clock.advance(FirstFiguresAhead.KEPT.plusSeconds(1));

        assertThat(overview.takeFirstFiguresReadAhead(false)).isEmpty();
        overview.readFirstFiguresAhead(Runnable::run);
        clock.advance(FirstFiguresAhead.KEPT.plusSeconds(1));
        assertThat(overview.firstFigures().agents().total()).isEqualTo(1);
    }

    @Test
    void aReadAheadThatFailedIsReadAgain() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        OverviewRepository overview = overview(db, new MutableClock(NOW));
        overview.readFirstFiguresAhead(Runnable::run);
        db.migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);

        assertThat(overview.firstFigures().agents().total()).isEqualTo(1);
    }

    private static OverviewRepository overview(TestDatabase db, MutableClock clock) {
        return new OverviewRepository(db.dataSource(), Capabilities.CONSOLE_SCHEMA, Duration.ofHours(2), clock);
    }
}
