package org.redflag.console.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.redflag.console.db.Database;

/**
 * The yardstick the console is held against: the very SQL a repository sent, with the same parameters, on one bare
 * JDBC connection (no pool), prepared on the server from its first run, every column of every row read as the
 * bytes that came over the wire and nothing made of them. What the console takes beyond this is the pool, the
 * JDBC set-up of each call and the mapping into objects.
 */
final class RawStatements implements AutoCloseable {

    /** What one run fetched. */
    record Fetched(int rows, long bytes) {
    }

    private final Connection connection;

    private RawStatements(Connection connection) {
        this.connection = connection;
    }

    /**
     * A bare connection to the console's database: prepareThreshold=1 makes pgjdbc use a named server-side
     * statement from the first execution (the pool's default waits for the fifth), with binary transfer.
     */
    static RawStatements open(Database database) throws SQLException {
        return new RawStatements(openBare(database, "redflag-console (bench raw)"));
    }

    /**
     * A bare connection set up as the raw side's, under its own application name, so the server's view of its
     * backends can pick them out.
     */
    static Connection openBare(Database database, String applicationName) throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("prepareThreshold", "1");
        settings.setProperty("binaryTransfer", "true");
        return database.openBareConnection(applicationName, settings);
    }

    /** Runs the statement once; its text is the same each run, so pgjdbc's cache keeps the server statement. */
    Fetched run(RecordingDataSource.Recorded statement) throws SQLException {
        int rows = 0;
        long bytes = 0;
        try (PreparedStatement ps = statement.prepare(connection, "");
             ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                rows++;
                for (int column = 1; column <= columns; column++) {
                    // pgjdbc hands a non-bytea column's wire bytes over as they are: read, not decoded.
                    byte[] value = rs.getBytes(column);
                    bytes += value == null ? 0 : value.length;
                }
            }
        }
        return new Fetched(rows, bytes);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
