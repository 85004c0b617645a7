package org.redflag.console.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.redflag.console.shapes.MigrationScript;
import org.redflag.console.shapes.MigrationScripts;
import org.redflag.console.shapes.RedFlagRunner;
import org.redflag.console.shapes.RunResult;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** Shared pieces of the replay audit tests: throwaways on the shared test server, script folders, builds. */
final class ReplayFixtures {

    static final String M017 = "017_add_machine_id.up.sql";
    static final String M021 = "021_create_storage_metrics.up.sql";

    private ReplayFixtures() {
    }

    /** Replays on the shared test server: a CREATE DATABASE instead of a server start. */
    static ReplayAudit audit() {
        return new ReplayAudit(new ServerThrowaways(dataSource("postgres"), ReplayFixtures::dataSource));
    }

    static DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {TestPostgres.port()});
        ds.setDatabaseName(database);
        ds.setUser(TestPostgres.SUPERUSER);
        return ds;
    }

    /** Throwaway databases still on the shared server: must be none after any audit. */
    static long leftoverThrowaways(TestDatabase any) {
        return any.queryLong("SELECT count(*) FROM pg_database WHERE datname LIKE '" + ServerThrowaways.PREFIX + "%'");
    }

    /** The project's RedFlag scripts copied to {@code dir}, to be changed for a scenario. */
    static Path scriptsFolder(Path dir) {
        try {
            Path folder = Files.createDirectories(dir.resolve("migrations"));
            for (MigrationScript script : MigrationScripts.classpath()) {
                Files.writeString(folder.resolve(script.name()), script.sql());
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path folder, String name, String sql) {
        try {
            Files.writeString(folder.resolve(name), sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path folder, String name) {
        try {
            return Files.readString(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A LATER database from the folder's files, the way RedFlagShape.LATER is built: the v0.1.18 runner up
     * to 014, the later runner from 015 on.
     */
    static RunResult buildLater(TestDatabase db, Path folder) {
        List<MigrationScript> scripts = MigrationScripts.folder(folder);
        new RedFlagRunner(db.dataSource(), RedFlagRunner.Behaviour.V0_1_18)
                .run(scripts.stream().filter(s -> RedFlagRunner.BYTE_ORDER.compare(s.name(), "015") < 0).toList());
        return new RedFlagRunner(db.dataSource(), RedFlagRunner.Behaviour.LATER).run(scripts);
    }

    static String describe(ReplayReport report) {
        StringBuilder out = new StringBuilder("replay " + report.replayMillis() + " ms on " + report.replayServerVersion()
                + "\n");
        report.verdicts().forEach(v -> out.append("  ").append(v.migration()).append(": ").append(v.verdict().label())
                .append(" — ").append(v.sentence()).append('\n'));
        report.findings().forEach(f -> out.append("  [").append(f.severity().label()).append("] ")
                .append(f.kind().label()).append(": ").append(f.sentence()).append('\n'));
        return out.toString();
    }
}
