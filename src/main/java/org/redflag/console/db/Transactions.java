package org.redflag.console.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Ending a transaction after a failure without losing the failure. */
public final class Transactions {

    private Transactions() {
    }

    /**
     * Rolls back after {@code failure}. When the connection itself is what failed (the server went away), the
     * rollback fails too; thrown from a finally block, its "connection closed" would replace the failure that says
     * what actually went wrong, so it is kept on that failure as suppressed instead.
     */
    public static void rollBackAfter(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
