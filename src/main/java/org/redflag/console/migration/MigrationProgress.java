package org.redflag.console.migration;

import java.util.List;

/**
 * What a running migrate tells its watcher, script by script. Called on the migrating thread; a UI
 * implementation hands the news to its own thread.
 */
public interface MigrationProgress {

    /** Before the first script: the migrations that will run, in order. */
    void planned(List<String> migrations);

    void started(String migration);

    void finished(String migration);

    void failed(String migration, String reason);

    MigrationProgress NONE = new MigrationProgress() {
        @Override
        public void planned(List<String> migrations) {
        }

        @Override
        public void started(String migration) {
        }

        @Override
        public void finished(String migration) {
        }

        @Override
        public void failed(String migration, String reason) {
        }
    };
}
