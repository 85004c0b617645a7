package org.redflag.console.errors;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.redflag.console.history.ConsoleError;
import org.redflag.console.json.JsonStrings;

/**
 * One spooled error as one line of JSON: a flat object of strings. Every character a Java string can hold
 * round-trips, including NUL, line breaks and unpaired surrogates (written as \\u escapes), so the file is
 * valid UTF-8 and a reader sees exactly what was spooled.
 */
final class SpoolLines {

    private SpoolLines() {
    }

    static String encode(ConsoleError error) {
        StringBuilder line = new StringBuilder(256 + error.stderr().length());
        line.append('{');
        field(line, "key", error.idempotencyKey().toString(), true);
        field(line, "at", error.occurredAt().toString(), false);
        field(line, "area", error.area(), false);
        field(line, "message", error.message(), false);
        field(line, "details", error.details(), false);
        field(line, "agent", error.agentId() == null ? null : error.agentId().toString(), false);
        field(line, "host", error.host(), false);
        field(line, "user", error.user(), false);
        field(line, "version", error.consoleVersion(), false);
        field(line, "thread", error.thread(), false);
        return line.append('}').toString();
    }

    /** @throws IllegalArgumentException if the line is not one this class wrote (e.g. cut off by a crash) */
    static ConsoleError decode(String line) {
        Map<String, String> fields = new Parser(line).object();
        try {
            String agent = fields.get("agent");
            return new ConsoleError(UUID.fromString(required(fields, "key")), Instant.parse(required(fields, "at")),
                    required(fields, "area"), required(fields, "message"), fields.get("details"),
                    agent == null ? null : UUID.fromString(agent), fields.get("host"), fields.get("user"),
                    fields.get("version"), fields.get("thread"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a spooled console error: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    private static void field(StringBuilder line, String name, String value, boolean first) {
        if (!first) {
            line.append(',');
        }
        JsonStrings.quote(line, name);
        line.append(':');
        if (value == null) {
            line.append("null");
        } else {
            JsonStrings.quote(line, value);
        }
    }

    /** Reads back exactly what {@link #encode} writes: a flat object whose values are strings or null. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Map<String, String> object() {
            Map<String, String> fields = new HashMap<>();
            skipSpace();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                pos++;
                return end(fields);
            }
            while (true) {
                skipSpace();
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                String value;
                if (text.startsWith("null", pos)) {
                    pos += 4;
                    value = null;
                } else {
                    value = string();
                }
                fields.put(name, value);
                skipSpace();
                char next = next();
                if (next == '}') {
                    return end(fields);
                }
                if (next != ',') {
                    throw fail("expected , or }");
                }
            }
        }

        private Map<String, String> end(Map<String, String> fields) {
            skipSpace();
            if (pos != text.length()) {
                throw fail("text after the object");
            }
            return fields;
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw fail("cut-off \\u escape");
                        }
                        try {
                            value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException e) {
                            throw fail("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw fail("bad escape \\" + escaped);
                }
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw fail("unexpected end");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw fail("expected " + c);
            }
        }

        private IllegalArgumentException fail(String why) {
            return new IllegalArgumentException(why + " at character " + pos);
        }
    }
}
