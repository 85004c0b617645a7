package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * From V10 on, an index on one of the big tables that already exist is built CONCURRENTLY, alone in a script of its
 * own that runs outside a transaction ({@code executeInTransaction=false} in its .conf). A plain CREATE INDEX locks
 * out writes for the whole build: on a fleet's history of millions of rows, minutes in which no agent can report.
 * V7, V8 and V9 did just that; they stay as they are, since Flyway checksums applied scripts, so the rule starts
 * after them. The companion (scripts an administrator adds to a live RedFlag database) keeps it everywhere.
 */
class BigTableIndexRuleTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path COMPANION = Path.of("src/main/resources/db/companion");
    /** The last script that landed before the rule; V7–V9 break it and may never change. */
    private static final int LAST_BEFORE_THE_RULE = 9;
    private static final Set<String> BIG_TABLES = Set.of("update_logs", "agent_commands", "agents");

    private static final Pattern VERSION = Pattern.compile("V([0-9]+)__.*\\.sql");
    private static final Pattern CREATE_INDEX = Pattern.compile("CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:[\\w\"]+\\s+)?ON\\s+(?:ONLY\\s+)?(?:[\\w\"${}]+\\.)?\"?(\\w+)\"?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONCURRENTLY = Pattern.compile("\\bCONCURRENTLY\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void everyScriptSinceTheRuleBuildsBigTableIndexesConcurrentlyAndAlone() throws IOException {
        List<Path> checked = new ArrayList<>();
        for (Path script : scripts(MIGRATIONS)) {
            if (version(script) > LAST_BEFORE_THE_RULE) {
                checked.add(script);
            }
        }
        checked.addAll(scripts(COMPANION));

        List<String> broken = new ArrayList<>();
        for (Path script : checked) {
            broken.addAll(problems(script));
        }

        assertThat(checked).as("the companion's scripts at least").isNotEmpty();
        assertThat(broken).as("see the README's Migrations section for the rule").isEmpty();
    }

    @Test
    void theRuleRefusesWhatV7V8AndV9Did() throws IOException {
        for (String landed : List.of("V7__history_filter_indexes.sql", "V8__history_output_text_search.sql",
                "V9__agent_hostname_search_index.sql")) {
            assertThat(problems(MIGRATIONS.resolve(landed))).as(landed).isNotEmpty()
                    .allSatisfy(problem -> assertThat(problem).contains("without CONCURRENTLY"));
        }
    }

    @Test
    void aConcurrentBuildMustRunAloneAndOutsideATransaction() {
        String alone = "-- why\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_x ON update_logs (action);\n";
        String mixed = "CREATE INDEX CONCURRENTLY idx_x ON update_logs (action);\nALTER TABLE agents ADD COLUMN y int;";
        String inABlock = "DO $$ BEGIN CREATE INDEX CONCURRENTLY idx_x ON agents (hostname); END $$;";
        String newTable = "CREATE TABLE tags (id uuid, name text);\nCREATE INDEX idx_tags_name ON tags (name);";

        assertThat(problems("V10__alone.sql", alone, true)).isEmpty();
        assertThat(problems("V10__alone.sql", alone, false)).singleElement().asString()
                .contains("executeInTransaction=false");
        assertThat(problems("V10__mixed.sql", mixed, true)).singleElement().asString()
                .contains("mixes CONCURRENTLY with other statements");
        assertThat(problems("V10__block.sql", inABlock, true)).singleElement().asString()
                .contains("inside a block");
        assertThat(problems("V10__tags.sql", newTable, false)).as("a new table is small").isEmpty();
        assertThat(problems("V10__plain.sql", "CREATE UNIQUE INDEX idx_x ON public.agent_commands (id);", false))
                .singleElement().asString().contains("agent_commands without CONCURRENTLY");
    }

    private static List<String> problems(Path script) throws IOException {
        Path conf = script.resolveSibling(script.getFileName() + ".conf");
        boolean outsideTransaction = Files.exists(conf) && Files.readString(conf, StandardCharsets.UTF_8)
                .lines().map(String::strip).anyMatch("executeInTransaction=false"::equals);
        return problems(script.getFileName().toString(), Files.readString(script, StandardCharsets.UTF_8),
                outsideTransaction);
    }

    /** What breaks the rule in one script, a sentence each; empty when it keeps it. */
    static List<String> problems(String name, String sql, boolean outsideTransaction) {
        List<String> problems = new ArrayList<>();
        List<String> statements = SqlStatements.split(sql);
        boolean concurrent = false;
        for (String statement : statements) {
            Matcher index = CREATE_INDEX.matcher(statement);
            while (index.find()) {
                String table = index.group(2).toLowerCase(Locale.ROOT);
                if (index.group(1) == null && BIG_TABLES.contains(table)) {
                    problems.add(name + " builds an index on " + table + " without CONCURRENTLY");
                }
            }
            if (CONCURRENTLY.matcher(statement).find()) {
                concurrent = true;
                boolean topLevel = statement.regionMatches(true, 0, "CREATE", 0, 6)
                        || statement.regionMatches(true, 0, "DROP", 0, 4);
                if (!topLevel) {
                    problems.add(name + " runs CONCURRENTLY inside a block, where PostgreSQL refuses it");
                }
            }
        }
        if (concurrent && statements.size() > 1) {
            problems.add(name + " mixes CONCURRENTLY with other statements: give the index a script of its own");
        }
        if (concurrent && !outsideTransaction) {
            problems.add(name + " builds CONCURRENTLY but has no .conf beside it with executeInTransaction=false");
        }
        return problems;
    }

    private static int version(Path script) {
        Matcher matcher = VERSION.matcher(script.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : Integer.MAX_VALUE;
    }

    private static List<Path> scripts(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
    }
}
