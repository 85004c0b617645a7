package org.redflag.console.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.redflag.console.schema.SchemaKind;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagSeed;
import org.redflag.console.shapes.RedFlagShape;

/**
 * A RedFlag database in the state the post-mortem found, for people who want to see the audit find what went
 * wrong without a broken server at hand: RedFlag's scripts (both generations, by the runner that behaves like
 * RedFlag's), a seeded fleet, and then the two lies of the post-mortem: 017 recorded although its unique index
 * is not there (the old runner's "false complete"), and 021's table present although its file is not recorded.
 * Only ever built in an empty embedded database.
 */
public final class PostMortemDemo {

    /** 017's unique index, which the post-mortem found missing while 017 was recorded as applied. */
    static final String MISSING_INDEX = "idx_agents_machine_id_unique";
    /** 021's file, whose table exists while the record does not say so. */
    static final String UNRECORDED_FILE = "021_create_storage_metrics.up.sql";

    private PostMortemDemo() {
    }

    /**
     * Builds the demo when the database is empty.
     *
     * @return true when it was built now, false when the database already held something (left as it is)
     */
    public static boolean buildIfEmpty(DataSource dataSource, Clock clock) throws SQLException {
        if (SchemaProbe.probe(dataSource).kind() != SchemaKind.EMPTY) {
            return false;
        }
        RedFlagShape.LATER.build(dataSource);
        RedFlagSeed.seed(dataSource, clock.instant());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP INDEX " + MISSING_INDEX);
            s.execute("DELETE FROM schema_migrations WHERE version = '" + UNRECORDED_FILE + "'");
        }
        return true;
    }
}
