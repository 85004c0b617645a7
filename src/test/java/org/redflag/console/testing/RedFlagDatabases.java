package org.redflag.console.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Databases as RedFlag's Go runner left them, built from the SQL in src/test/resources/redflag: the
 * runner's schema_migrations record and the objects its migrations created (or did not).
 */
public final class RedFlagDatabases {

    public static final String M016 = "016_agent_update_packages.up.sql";
    public static final String M017 = "017_add_machine_id.up.sql";
    public static final String M021 = "021_create_storage_metrics.up.sql";
    public static final String M022 = "022_add_subsystem_to_logs.up.sql";

    /** How migration 021 went wrong in the post-mortem. */
    public enum StorageMetrics {
        /** The table was created, but the runner's record of 021 is missing. */
        PRESENT_BUT_NOT_RECORDED,
        /** 021 is recorded, but its table is not there. */
        RECORDED_BUT_MISSING
    }

    private RedFlagDatabases() {
    }

    /**
     * The post-mortem's broken state: 016 applied and recorded; 017 recorded although it failed, so its
     * unique index is missing; 021 as {@code storageMetrics} says; 022 applied and recorded.
     */
    public static TestDatabase afterPostMortem(StorageMetrics storageMetrics) {
        TestDatabase db = TestPostgres.newDatabase();
        run(db, "before_016.sql");
        applyAndRecord(db, M016);
        record(db, M017);
        if (storageMetrics == StorageMetrics.PRESENT_BUT_NOT_RECORDED) {
            run(db, M021);
        } else {
            record(db, M021);
        }
        applyAndRecord(db, M022);
        return db;
    }

    public static void applyAndRecord(TestDatabase db, String file) {
        run(db, file);
        record(db, file);
    }

    public static void record(TestDatabase db, String file) {
        db.execute("INSERT INTO schema_migrations (version) VALUES ('" + file.replace("'", "''") + "')");
    }

    public static void run(TestDatabase db, String file) {
        db.execute(sql(file));
    }

    public static String sql(String file) {
        try (InputStream in = RedFlagDatabases.class.getResourceAsStream("/redflag/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource redflag/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
