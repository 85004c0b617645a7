package org.redflag.console.shapes;

import java.util.Objects;

/**
 * One RedFlag-style migration file: its whole file name (which is also its record in
 * schema_migrations, RedFlag keeps no version number or checksum) and its SQL, sent as one call.
 */
public record MigrationScript(String name, String sql) {

    public MigrationScript {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
    }

    /** RedFlag's runner only looks at files ending in .up.sql; .down.sql files are never run. */
    public boolean isUp() {
        return name.endsWith(".up.sql");
    }
}
