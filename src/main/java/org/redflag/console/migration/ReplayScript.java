package org.redflag.console.migration;

import java.util.Objects;

/**
 * One migration script as the replay runs it.
 *
 * @param name the file name ("017_add_machine_id.up.sql", "V4__index_commands_in_flight.sql")
 * @param version what the history records for it: RedFlag's whole file name, Flyway's version ("4")
 * @param transactional false only where the script says so itself (Flyway's executeInTransaction=false)
 */
public record ReplayScript(String name, String version, String sql, boolean transactional) {

    public ReplayScript {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sql, "sql");
    }
}
