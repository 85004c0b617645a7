package org.redflag.console.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons. Needed only for scripts that must run outside a
 * transaction: sent as one multi-statement call, PostgreSQL wraps them in an implicit transaction block and
 * CREATE INDEX CONCURRENTLY refuses it (SQLSTATE 25001), so each statement goes alone, in autocommit.
 * Quotes, quoted identifiers, comments and dollar-quoted bodies are respected.
 */
final class SqlStatements {

    private SqlStatements() {
    }

    static List<String> split(String sql) {
        String text = ScriptEffects.withoutComments(sql);
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                i = end < 0 ? text.length() : end + 1;
            } else if (c == '$' && (i == 0 || !isIdentifierPart(text.charAt(i - 1)))) {
                String tag = dollarTag(text, i);
                if (tag == null) {
                    i++;
                } else {
                    int close = text.indexOf(tag, i + tag.length());
                    i = close < 0 ? text.length() : close + tag.length();
                }
            } else if (c == ';') {
                add(statements, text.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        add(statements, text.substring(start));
        return statements;
    }

    private static void add(List<String> statements, String statement) {
        if (!statement.isBlank()) {
            statements.add(statement.strip());
        }
    }

    /** The opening delimiter at {@code start} ({@code $$} or {@code $tag$}), or null when there is none. */
    static String dollarTag(String sql, int start) {
        int i = start + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            return null;
        }
        while (i < sql.length() && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? sql.substring(start, i + 1) : null;
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
