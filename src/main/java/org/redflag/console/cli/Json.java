package org.redflag.console.cli;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.redflag.console.json.JsonStrings;

/**
 * Just enough JSON for the headless commands' --json output: maps (in their order), lists, strings,
 * numbers, booleans, instants and null, with strings escaped as RFC 8259 requires.
 */
public final class Json {

    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.append('\n').toString();
    }

    private static void append(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            JsonStrings.quote(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? number.toString() : "null");
        } else if (value instanceof Instant instant) {
            JsonStrings.quote(out, instant.toString());
        } else if (value instanceof Map<?, ?> map) {
            appendObject(out, map, depth);
        } else if (value instanceof List<?> list) {
            appendArray(out, list, depth);
        } else {
            JsonStrings.quote(out, value.toString());
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            newline(out, depth + 1);
            JsonStrings.quote(out, String.valueOf(entry.getKey()));
            out.append(": ");
            append(out, entry.getValue(), depth + 1);
            if (entries.hasNext()) {
                out.append(',');
            }
        }
        newline(out, depth);
        out.append('}');
    }

    private static void appendArray(StringBuilder out, List<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            newline(out, depth + 1);
            append(out, list.get(i), depth + 1);
            if (i < list.size() - 1) {
                out.append(',');
            }
        }
        newline(out, depth);
        out.append(']');
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n').append("  ".repeat(depth));
    }
}
