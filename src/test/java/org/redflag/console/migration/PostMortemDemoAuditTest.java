package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.redflag.console.demo.PostMortemDemo;
import org.redflag.console.migration.FileVerdict.Verdict;
import org.redflag.console.schema.SchemaKind;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.MigrationScripts;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The post-mortem demo is a RedFlag database whose record lies the way the post-mortem found, and the audit says so. */
class PostMortemDemoAuditTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void theAuditFindsTheFalseCompleteAndTheUnrecordedTable() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();

        assertThat(PostMortemDemo.buildIfEmpty(db.dataSource(), CLOCK)).isTrue();
        assertThat(SchemaProbe.probe(db.dataSource()).kind()).isEqualTo(SchemaKind.REDFLAG);
        assertThat(db.queryLong("SELECT count(*) FROM agents")).isPositive();

        ReplayReport report = ReplayFixtures.audit().audit(db.dataSource(),
                ReplaySource.redFlag(MigrationScripts.classpath()));

        FileVerdict m017 = report.verdicts().stream()
                .filter(v -> v.migration().equals("017_add_machine_id.up.sql")).findFirst().orElseThrow();
        assertThat(m017.verdict()).isEqualTo(Verdict.FALSE_COMPLETE);
        assertThat(m017.missing()).containsExactly("index idx_agents_machine_id_unique");
        assertThat(report.findings(ReplayFindingKind.UNRECORDED_EFFECTS))
                .anyMatch(f -> f.migration().equals("021_create_storage_metrics.up.sql"));
        assertThat(report.clean()).isFalse();
    }

    @Test
    void aDatabaseThatHoldsSomethingIsLeftAsItIs() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        db.execute("CREATE TABLE notes (id int)");

        assertThat(PostMortemDemo.buildIfEmpty(db.dataSource(), CLOCK)).isFalse();
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(1);
    }
}
