package org.redflag.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The health check on a real PostgreSQL that goes away (connections killed, new ones refused) and comes back. */
class DatabaseHealthTest {

    private TestDatabase db;
    private Database database;
    private DatabaseHealth health;
    private boolean down;

    @AfterEach
    void cleanUp() {
        if (down) {
            bringBack();
        }
        if (health != null) {
            health.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void saysDownWithinTwoSecondsOfLosingTheDatabaseAndUpWhenItIsBack() throws Exception {
        db = TestPostgres.newDatabase();
        database = Database.open(db.settings(false).target(), Optional.empty());
        health = database.health();
        List<DatabaseHealth.State> seen = new CopyOnWriteArrayList<>();
        health.onChange(seen::add);
        health.start();
        waitFor(5_000, () -> activeHealthConnections() == 1);
        assertThat(health.state()).isEqualTo(DatabaseHealth.State.UP);

        takeAway();
        long lost = System.nanoTime();
        waitFor(10_000, () -> health.state() == DatabaseHealth.State.DOWN);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lost);
        System.out.printf("The health check noticed the outage after %d ms%n", tookMillis);
        // The promise to the admin; measured here, on a check every 750 ms that may take 1 s.
        assertThat(tookMillis).isLessThan(2_000);
        assertThat(health.isUp()).isFalse();

        bringBack();
        waitFor(10_000, health::isUp);
        assertThat(seen).containsExactly(DatabaseHealth.State.DOWN, DatabaseHealth.State.UP);
        waitFor(5_000, () -> activeHealthConnections() == 1);
    }

    @Test
    void stopsAndClosesItsConnection() throws Exception {
        db = TestPostgres.newDatabase();
        database = Database.open(db.settings(false).target(), Optional.empty());
        health = database.health();
        health.start();
        waitFor(5_000, () -> activeHealthConnections() == 1);

        health.close();

        waitFor(5_000, () -> activeHealthConnections() == 0);
    }

    /** Counted from the server's own database: the one under test may refuse connections. */
    private long activeHealthConnections() {
        String url = "jdbc:postgresql://localhost:" + TestPostgres.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, TestPostgres.SUPERUSER, null);
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                        + db.name() + "' AND application_name = 'redflag-console (health)'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void takeAway() {
        down = true;
        db.takeAway();
    }

    private void bringBack() {
        db.bringBack();
        down = false;
    }

    private static void waitFor(long millis, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %d ms", millis).isLessThan(until);
            Thread.sleep(20);
        }
    }
}
