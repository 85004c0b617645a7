package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptEffectsTest {

    @Test
    void laterScriptsThatDropOrRenameChangeWhatIsExpected() {
        ScriptEffects.Ledger ledger = new ScriptEffects.Ledger();
        ledger.apply("V1", """
                CREATE TABLE public.agents (id uuid PRIMARY KEY);
                CREATE TABLE "Odd" (id int);
                -- CREATE TABLE commented_out (id int);
                CREATE UNIQUE INDEX IF NOT EXISTS idx_a ON agents (id);
                CREATE DOMAIN os_type AS varchar(16);
                """);
        ledger.apply("V2", "ALTER TABLE agents ADD COLUMN machine_id text, ADD COLUMN tags text;");
        ledger.apply("V3", """
                ALTER TABLE agents DROP COLUMN tags;
                DROP INDEX CONCURRENTLY IF EXISTS idx_a;
                ALTER TABLE "Odd" RENAME TO renamed;
                ALTER TABLE agents RENAME COLUMN machine_id TO machine;
                """);

        assertThat(ledger.expected()).extracting(o -> o.migration() + " " + o.effect().describe()).containsExactlyInAnyOrder(
                "V1 table agents",
                "V1 table renamed",
                "V1 domain os_type",
                "V2 column agents.machine");
    }

    @Test
    void whatACodeBodyCreatesIsNotExpectedButWhatItDropsIsNoLonger() {
        ScriptEffects.Ledger ledger = new ScriptEffects.Ledger();
        ledger.apply("V1", """
                CREATE TABLE logs (id int, body text);
                CREATE INDEX idx_logs_id ON logs (id);
                CREATE INDEX idx_logs_old ON logs (body);
                """);
        ledger.apply("V2", """
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
                        CREATE INDEX idx_logs_trgm ON logs USING gin (body gin_trgm_ops);
                        DROP INDEX idx_logs_old;
                    END IF;
                END
                $$;
                CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $body$
                BEGIN CREATE TABLE made_when_called (id int); END $body$;
                CREATE INDEX idx_logs_after ON logs (id) WHERE body <> '$$';
                """);

        assertThat(ledger.expected()).extracting(o -> o.migration() + " " + o.effect().describe()).containsExactlyInAnyOrder(
                "V1 table logs",
                "V1 index idx_logs_id on logs",
                "V2 index idx_logs_after on logs");
    }

    @Test
    void dollarQuotedBodiesAreBlankedButLinesParametersAndIdentifiersStay() {
        String sql = "SELECT a$b, $1 FROM t;\nDO $x$ CREATE\nTABLE y $x$; SELECT '$$' || 'z'";

        String stripped = ScriptEffects.withoutDollarQuotedBodies(sql);

        assertThat(stripped).hasSameSizeAs(sql).startsWith("SELECT a$b, $1 FROM t;\nDO ")
                .endsWith("; SELECT '$$' || 'z'").doesNotContain("CREATE", "TABLE", "$x$");
        assertThat(stripped.lines().count()).isEqualTo(sql.lines().count());
    }

    @Test
    void commentsAreBlankedButLinesAndStringsStay() {
        String sql = "SELECT '--not a comment' -- a comment\n/* two\nlines */ SELECT 1";

        String stripped = ScriptEffects.withoutComments(sql);

        assertThat(stripped).hasSameSizeAs(sql).contains("'--not a comment'").doesNotContain("a comment\n", "two");
        assertThat(stripped.lines().count()).isEqualTo(sql.lines().count());
    }

    @Test
    void redFlagVersionsAreThreeDigitsWithAnOptionalLetter() {
        assertThat(RedFlagCatalog.versionOf("021_create_storage_metrics.up.sql")).contains("021");
        assertThat(RedFlagCatalog.versionOf("23a_command_idempotency.up.sql")).contains("023a");
        assertThat(RedFlagCatalog.versionOf("100_future.up.sql")).contains("100");
        assertThat(RedFlagCatalog.versionOf("README.md")).isEmpty();
    }
}
