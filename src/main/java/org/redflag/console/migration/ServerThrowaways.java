package org.redflag.console.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throwaway databases on a server that is already running: CREATE DATABASE, and DROP DATABASE … WITH (FORCE)
 * on close, so a connection the replay left open cannot keep the database alive.
 */
public final class ServerThrowaways implements ThrowawayDatabases {

    /** Every throwaway database's name starts with this, so a leftover is easy to find and prove absent. */
    public static final String PREFIX = "rf_replay_";

    private static final Logger LOG = LoggerFactory.getLogger(ServerThrowaways.class);

    private final DataSource admin;
    private final Function<String, DataSource> database;

    /**
     * @param admin a connection source on that server allowed to create and drop databases
     * @param database a connection source for the database of the given name on the same server
     */
    public ServerThrowaways(DataSource admin, Function<String, DataSource> database) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Throwaway create() throws SQLException {
        String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        // template0: a template1 someone filled must not leak objects into the replay.
        execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        DataSource ds = database.apply(name);
        return new Throwaway() {
            @Override
            public DataSource dataSource() {
                return ds;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() {
                drop(name);
            }
        };
    }

    /** Drops the database; logs instead of throwing, because it runs in finally blocks. */
    void drop(String name) {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("Could not drop the throwaway replay database {}: {}", name, e.getMessage());
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
        }
    }
}
