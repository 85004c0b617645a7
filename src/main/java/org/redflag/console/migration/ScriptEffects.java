package org.redflag.console.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what our own Flyway scripts create and drop, so the audit can tell which objects a successful
 * migration left behind. Our scripts follow one pattern (plain CREATE / ALTER / DROP, one concern per
 * script), which is what makes reading them this simply good enough; anything it does not recognise is
 * simply not checked.
 *
 * <p>A dollar-quoted body (a DO block, a function) is code with branches: V8, for one, builds its trigram
 * indexes only where the server allows pg_trgm. What such a body creates may not exist after a successful
 * run, so it is never expected; what it drops may be gone, so it is no longer expected.
 */
public final class ScriptEffects {

    private static final String NAME = "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "\\bcreate\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME, FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile("\\bcreate\\s+(unique\\s+)?index\\s+(?:concurrently\\s+)?"
            + "(?:if\\s+not\\s+exists\\s+)?" + NAME + "\\s+on\\s+(?:only\\s+)?" + NAME, FLAGS);
    private static final Pattern CREATE_DOMAIN = Pattern.compile("\\bcreate\\s+domain\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME, FLAGS);
    private static final Pattern DROP = Pattern.compile("\\bdrop\\s+(table|index|domain)\\s+(?:concurrently\\s+)?"
            + "(?:if\\s+exists\\s+)?" + NAME, FLAGS);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "\\balter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + NAME + "([^;]*)", FLAGS);
    private static final Pattern ALTER_INDEX_RENAME = Pattern.compile(
            "\\balter\\s+index\\s+(?:if\\s+exists\\s+)?" + NAME + "\\s+rename\\s+to\\s+" + NAME, FLAGS);
    private static final Pattern ADD_COLUMN = Pattern.compile("\\badd\\s+column\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME, FLAGS);
    private static final Pattern DROP_COLUMN = Pattern.compile("\\bdrop\\s+column\\s+(?:if\\s+exists\\s+)?" + NAME, FLAGS);
    private static final Pattern RENAME_TABLE = Pattern.compile("^\\s*rename\\s+to\\s+" + NAME, FLAGS);
    private static final Pattern RENAME_COLUMN = Pattern.compile("\\brename\\s+(?:column\\s+)?" + NAME + "\\s+to\\s+" + NAME, FLAGS);

    /** The objects expected to exist after a sequence of scripts, each with the migration that created it. */
    public static final class Ledger {
        private final Map<String, Owned> objects = new LinkedHashMap<>();

        /** An expected object and the migration that created it. */
        public record Owned(String migration, ExpectedEffect effect) {
        }

        /** Applies one script: what it creates is expected from now on, what it drops no longer is. */
        public void apply(String migration, String script) {
            String sql = withoutComments(script);
            // Drops count wherever they are, everything else only outside dollar-quoted bodies (see above).
            String unconditional = withoutDollarQuotedBodies(sql);
            List<Edit> edits = new ArrayList<>();
            collect(DROP, sql, edits, m -> drop(m.group(1).toLowerCase(Locale.ROOT), name(m.group(2))));
            collect(CREATE_TABLE, unconditional, edits,
                    m -> create("table:" + name(m.group(1)), new ExpectedEffect.Table(name(m.group(1)))));
            collect(CREATE_INDEX, unconditional, edits, m -> create("index:" + name(m.group(2)),
                    ExpectedEffect.Index.named(name(m.group(3)), name(m.group(2)), m.group(1) != null)));
            collect(CREATE_DOMAIN, unconditional, edits,
                    m -> create("domain:" + name(m.group(1)), new ExpectedEffect.Domain(name(m.group(1)))));
            collect(ALTER_INDEX_RENAME, unconditional, edits, m -> renameIndex(name(m.group(1)), name(m.group(2))));
            collect(ALTER_TABLE, unconditional, edits, m -> alterTable(name(m.group(1)), m.group(2)));
            edits.sort((a, b) -> Integer.compare(a.position, b.position));
            edits.forEach(edit -> edit.action.accept(migration));
        }

        public List<Owned> expected() {
            return List.copyOf(objects.values());
        }

        private Consumer<String> create(String key, ExpectedEffect effect) {
            return migration -> objects.put(key, new Owned(migration, effect));
        }

        private Consumer<String> drop(String kind, String name) {
            return migration -> {
                objects.remove(kind + ":" + name);
                if (kind.equals("table")) {
                    objects.entrySet().removeIf(e -> belongsTo(e.getValue().effect(), name));
                }
            };
        }

        private Consumer<String> renameIndex(String from, String to) {
            return migration -> {
                Owned old = objects.remove("index:" + from);
                if (old != null && old.effect() instanceof ExpectedEffect.Index index) {
                    objects.put("index:" + to, new Owned(old.migration(),
                            ExpectedEffect.Index.named(index.table(), to, index.unique())));
                }
            };
        }

        private Consumer<String> alterTable(String table, String body) {
            return migration -> {
                Matcher renameTable = RENAME_TABLE.matcher(body);
                if (renameTable.find()) {
                    renameTable(table, name(renameTable.group(1)));
                    return;
                }
                Matcher added = ADD_COLUMN.matcher(body);
                while (added.find()) {
                    String column = name(added.group(1));
                    objects.put("column:" + table + "." + column, new Owned(migration, new ExpectedEffect.Column(table, column)));
                }
                Matcher dropped = DROP_COLUMN.matcher(body);
                while (dropped.find()) {
                    objects.remove("column:" + table + "." + name(dropped.group(1)));
                }
                Matcher renamed = RENAME_COLUMN.matcher(body);
                while (renamed.find()) {
                    Owned old = objects.remove("column:" + table + "." + name(renamed.group(1)));
                    if (old != null) {
                        String column = name(renamed.group(2));
                        objects.put("column:" + table + "." + column,
                                new Owned(old.migration(), new ExpectedEffect.Column(table, column)));
                    }
                }
            };
        }

        private void renameTable(String from, String to) {
            Map<String, Owned> renamed = new LinkedHashMap<>();
            objects.forEach((key, owned) -> renamed.put(key, owned));
            objects.clear();
            renamed.forEach((key, owned) -> {
                ExpectedEffect effect = owned.effect();
                if (effect instanceof ExpectedEffect.Table t && t.name().equals(from)) {
                    objects.put("table:" + to, new Owned(owned.migration(), new ExpectedEffect.Table(to)));
                } else if (effect instanceof ExpectedEffect.Column c && c.table().equals(from)) {
                    objects.put("column:" + to + "." + c.column(), new Owned(owned.migration(), new ExpectedEffect.Column(to, c.column())));
                } else if (effect instanceof ExpectedEffect.Index i && i.table().equals(from)) {
                    objects.put(key, new Owned(owned.migration(), ExpectedEffect.Index.named(to, i.name(), i.unique())));
                } else {
                    objects.put(key, owned);
                }
            });
        }

        private static boolean belongsTo(ExpectedEffect effect, String table) {
            return effect instanceof ExpectedEffect.Column c && c.table().equals(table)
                    || effect instanceof ExpectedEffect.Index i && i.table().equals(table);
        }
    }

    private record Edit(int position, Consumer<String> action) {
    }

    private static void collect(Pattern pattern, String sql, List<Edit> edits,
            Function<Matcher, Consumer<String>> action) {
        Matcher matcher = pattern.matcher(sql);
        while (matcher.find()) {
            edits.add(new Edit(matcher.start(), action.apply(matcher)));
        }
    }

    private ScriptEffects() {
    }

    /** The unqualified name as PostgreSQL stores it: quoted names keep their case, others fold to lower. */
    static String name(String qualified) {
        String last = qualified;
        int dot = lastDotOutsideQuotes(qualified);
        if (dot >= 0) {
            last = qualified.substring(dot + 1);
        }
        return last.startsWith("\"") && last.endsWith("\"") && last.length() > 1
                ? last.substring(1, last.length() - 1)
                : last.toLowerCase(Locale.ROOT);
    }

    private static int lastDotOutsideQuotes(String text) {
        boolean quoted = false;
        int dot = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                dot = i;
            }
        }
        return dot;
    }

    /**
     * The script with comments blanked out and line breaks kept, so positions and line numbers still match
     * the file. String literals are kept as they are, so a "--" inside quotes is not a comment.
     */
    static String withoutComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = sql.indexOf('\'', i + 1);
                end = end < 0 ? sql.length() : end + 1;
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                for (int j = i; j < end; j++) {
                    out.append(sql.charAt(j) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * The script with every dollar-quoted string ({@code $$ … $$}, {@code $tag$ … $tag$}) blanked out, line
     * breaks kept. Expects comments already blanked; a {@code $} inside a quoted string or an identifier
     * ({@code a$b}) or before a digit ({@code $1}) opens nothing.
     */
    static String withoutDollarQuotedBodies(String sql) {
        StringBuilder out = new StringBuilder(sql);
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = sql.indexOf('\'', i + 1);
                i = end < 0 ? sql.length() : end + 1;
                continue;
            }
            String tag = c == '$' && !(i > 0 && SqlStatements.isIdentifierPart(sql.charAt(i - 1))) ? SqlStatements.dollarTag(sql, i) : null;
            if (tag == null) {
                i++;
                continue;
            }
            int close = sql.indexOf(tag, i + tag.length());
            int end = close < 0 ? sql.length() : close + tag.length();
            for (int j = i; j < end; j++) {
                if (out.charAt(j) != '\n') {
                    out.setCharAt(j, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }
}
