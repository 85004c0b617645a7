package org.redflag.console.migration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway database on its own embedded PostgreSQL (the binaries the console ships), started in a new
 * temporary folder and stopped, folder deleted, on close. The binaries are unpacked once per machine, so a
 * start takes 1–2 s; durability is switched off because nothing in it must survive.
 */
public final class EmbeddedThrowaways implements ThrowawayDatabases {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedThrowaways.class);

    @Override
    public Throwaway create() throws SQLException {
        Path dataDir;
        EmbeddedPostgres postgres;
        try {
            dataDir = Files.createTempDirectory("redflag-replay-pg");
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new SQLException("could not start the embedded PostgreSQL for the replay: " + e.getMessage(), e);
        }
        DataSource ds = postgres.getPostgresDatabase();
        return new Throwaway() {
            @Override
            public DataSource dataSource() {
                return ds;
            }

            @Override
            public String name() {
                return "postgres on an embedded server in " + dataDir;
            }

            @Override
            public void close() {
                try {
                    postgres.close();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("The replay's embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
                }
                deleteQuietly(dataDir);
            }
        };
    }

    /** The folder is normally gone already (zonky cleans it); this covers a server that failed to stop. */
    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete the replay's data folder {}: {}", dir, e.getMessage());
        }
    }
}
