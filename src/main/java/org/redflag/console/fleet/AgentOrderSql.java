package org.redflag.console.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.redflag.console.db.SqlTime;

/**
 * The ORDER BY and the keyset condition of each {@link AgentOrder}. A key that may be NULL (version, last seen) is
 * two expressions: {@code x IS NOT NULL} first, so NULLs come first ascending and last descending, then
 * {@code coalesce(x, sentinel)}, so a row comparison never meets a NULL (which would end the list early). The same
 * expressions are the indexes of V12 and V13, so one index serves both directions; ties go by id.
 */
final class AgentOrderSql {

    private final String version;

    /** @param version the SQL of the version the list shows (it differs between schemas) */
    AgentOrderSql(String version) {
        this.version = version;
    }

    /** "ORDER BY …, a.id" in the order's direction. */
    String orderBy(AgentOrder order) {
        String direction = order.descending() ? " DESC" : "";
        List<String> terms = new ArrayList<>();
        for (String key : keys(order.by())) {
            terms.add(key + direction);
        }
        terms.add("a.id" + direction);
        return " ORDER BY " + String.join(", ", terms);
    }

    /** " AND (keys…, a.id) > (…)" (or < descending): the rows after {@code after} in this order. */
    void appendAfter(StringBuilder sql, List<Object> args, AgentOrder order, AgentRepository.OrderKey after) {
        if (after.by() != order.by()) {
            throw new IllegalArgumentException("a key of the " + after.by() + " order cannot page the " + order.by()
                    + " order");
        }
        List<String> values = new ArrayList<>();
        Object value = after.value();
        switch (order.by()) {
            case HOSTNAME -> {
                values.add("lower(?)");
                args.add(value);
            }
            case OS -> {
                values.add("?");
                args.add(value);
            }
            case VERSION -> nullable(values, args, value, "''");
            case LAST_SEEN -> nullable(values, args, value == null ? null : SqlTime.bind((Instant) value),
                    "'-infinity'");
            default -> throw new IllegalStateException(order.by().name());
        }
        values.add("?");
        args.add(after.id());
        List<String> keys = new ArrayList<>(keys(order.by()));
        keys.add("a.id");
        sql.append(" AND (").append(String.join(", ", keys)).append(order.descending() ? ") < (" : ") > (")
                .append(String.join(", ", values)).append(')');
    }

    private static void nullable(List<String> values, List<Object> args, Object value, String sentinel) {
        if (value == null) {
            values.add("false");
            values.add(sentinel);
        } else {
            values.add("true");
            values.add("?");
            args.add(value);
        }
    }

    private List<String> keys(AgentSort by) {
        return switch (by) {
            case HOSTNAME -> List.of("lower(a.hostname)");
            case OS -> List.of("a.os_type");
            case VERSION -> List.of("(" + version + ") IS NOT NULL", "coalesce(" + version + ", '')");
            case LAST_SEEN -> List.of("a.last_seen IS NOT NULL", "coalesce(a.last_seen, '-infinity')");
        };
    }
}
