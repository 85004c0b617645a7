package org.redflag.console.migration;

import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.testing.KillableProcess;

/**
 * {@code migrations migrate} in a process of its own, with the console's scripts and a scratch folder of more
 * (the way a newer build brings its own), for {@link MigrationKillTest} to kill with SIGKILL: it says "STARTED
 * label" as each script begins.
 */
public final class MigratingConsole {

    private MigratingConsole() {
    }

    public static void main(String[] args) {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(args[0]);
        database.setUser(args[1]);
        SchemaMigrator migrator = new SchemaMigrator(database, SchemaMigrator.DEFAULT_LOCATION, "filesystem:" + args[2]);
        MigrationOutcome outcome = new MigrationService(migrator).migrate(new MigrationProgress() {
            @Override
            public void planned(List<String> migrations) {
            }

            @Override
            public void started(String migration) {
                KillableProcess.say("STARTED " + migration);
            }

            @Override
            public void finished(String migration) {
            }

            @Override
            public void failed(String migration, String reason) {
            }
        });
        KillableProcess.say("OUTCOME " + outcome.message());
    }
}
