package org.redflag.console.shapes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a RedFlag database holds, read from the catalog: the seed fills what exists instead of
 * trusting a version number (real databases may have false completes or newer migrations).
 */
final class SeedCatalog {

    private final Connection connection;

    SeedCatalog(Connection connection) {
        this.connection = connection;
    }

    boolean hasTable(String table) throws SQLException {
        return exists("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND table_name = ?", table, null);
    }

    boolean hasColumn(String table, String column) throws SQLException {
        return exists("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                + "AND table_name = ? AND column_name = ?", table, column);
    }

    private boolean exists(String sql, String a, String b) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, a);
            if (b != null) {
                ps.setString(2, b);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
