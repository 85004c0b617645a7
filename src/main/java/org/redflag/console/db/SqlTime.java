package org.redflag.console.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from SQL, the same for {@code timestamptz} (the console's schema) and {@code timestamp}
 * without zone (most of RedFlag's columns, which its later server fills with UTC wall time). The pool's
 * sessions run in UTC ({@link Database}), and values travel as offset date-times, so neither the JVM's zone
 * nor the column's type can shift a time by hours.
 */
public final class SqlTime {

    private SqlTime() {
    }

    /** A parameter for any timestamp column or comparison; null stays null. */
    public static OffsetDateTime bind(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A timestamp column read as an instant (a zoneless value is UTC wall time); null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
