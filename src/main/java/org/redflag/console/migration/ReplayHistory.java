package org.redflag.console.migration;

/** Whose migration history is replayed: both keep a record of applied scripts, in different tables. */
public enum ReplayHistory {
    /** RedFlag's schema_migrations: one row per whole file name, runs each file in one transaction. */
    REDFLAG,
    /** The console's own Flyway history (flyway_schema_history, successful rows by installed_rank). */
    CONSOLE
}
