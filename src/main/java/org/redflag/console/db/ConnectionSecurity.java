package org.redflag.console.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.jdbc.SslMode;

/**
 * How the console's connections travel: what the server says of its own end (pg_stat_ssl) and what the sslmode
 * made pgjdbc check of the server's certificate before it let the connection through.
 *
 * @param known     false when the server could not say (the facts below are then empty)
 * @param encrypted the connection runs over TLS
 * @param protocol  e.g. "TLSv1.3"; null when not encrypted
 * @param cipher    e.g. "TLS_AES_256_GCM_SHA384"; null when not encrypted
 * @param sslMode   pgjdbc's sslmode in force, e.g. "verify-full"
 */
public record ConnectionSecurity(boolean known, boolean encrypted, String protocol, String cipher, String sslMode) {

    static ConnectionSecurity read(Connection connection, SslMode mode) throws SQLException {
        String sql = "SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return unknown(mode);
            }
            boolean ssl = rs.getBoolean(1);
            return new ConnectionSecurity(true, ssl, ssl ? rs.getString(2) : null, ssl ? rs.getString(3) : null,
                    mode.value);
        }
    }

    static ConnectionSecurity unknown(SslMode mode) {
        return new ConnectionSecurity(false, false, null, null, mode.value);
    }

    /** For people: "TLS 1.3 (verified)", "TLS 1.3 (certificate not verified)", "not encrypted". */
    public String describe() {
        if (!known) {
            return "encryption unknown";
        }
        if (!encrypted) {
            return "not encrypted";
        }
        String version = protocol == null ? "TLS" : protocol.replace("TLSv", "TLS ");
        // A connection only exists under verify-* if pgjdbc's checks passed, so the mode says what was proved.
        return version + switch (sslMode) {
            case "verify-full" -> " (verified)";
            case "verify-ca" -> " (CA verified, host name not checked)";
            default -> " (certificate not verified)";
        };
    }
}
