package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.shapes.MigrationScript;
import org.redflag.console.shapes.MigrationScripts;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.CatalogSnapshot;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * {@code migrations audit} and {@code migrations repair} from a terminal: the truth by replay (through the real
 * embedded throwaway server), the plan that changes nothing, and the apply that leaves a clean re-audit.
 */
class AuditRepairCommandsTest {

    @Test
    void theConsolesOwnSchemaIsAuditedByReplayPlannedAndRepaired() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("DROP INDEX idx_agent_commands_in_flight");
        List<String> broken = CatalogSnapshot.take(db);

        CliRun audit = CliRun.against(db, "migrations", "audit");
        CliRun plan = CliRun.against(db, "migrations", "repair", "--plan");

        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(audit.out()).contains("of the console's own Flyway scripts", "index idx_agent_commands_in_flight")
                .containsPattern("V4__index_commands_in_flight.sql\\s+FALSE COMPLETE");
        assertThat(plan.out()).contains("CREATE INDEX idx_agent_commands_in_flight ON agent_commands");
        assertThat(CatalogSnapshot.take(db)).as("audit and plan only read").containsExactlyElementsOf(broken);

        CliRun apply = CliRun.against(db, "migrations", "repair", "--apply");

        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isEqualTo(ExitCodes.OK);
        assertThat(apply.out()).contains("[1/1]", "done in", "Audit afterwards: no findings");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'schema_repair' AND result = 'success'"))
                .isEqualTo(1);
        assertThat(CliRun.against(db, "migrations", "audit").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aRedFlagDatabaseIsAuditedByReplayOfItsOwnFilesAndRepaired(@TempDir Path dir) throws IOException {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        db.execute("DROP INDEX idx_agents_machine_id_unique");
        Path scripts = Files.createDirectories(dir.resolve("migrations"));
        for (MigrationScript script : MigrationScripts.classpath()) {
            Files.writeString(scripts.resolve(script.name()), script.sql());
        }

        CliRun audit = CliRun.against(db, "migrations", "audit", "--migrations-dir", scripts.toString());
        CliRun apply = CliRun.against(db, "migrations", "repair", "--apply", "--migrations-dir", scripts.toString());

        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(audit.out()).contains("Replayed 31 recorded RedFlag files")
                .containsPattern("017_add_machine_id.up.sql\\s+FALSE COMPLETE")
                .doesNotContain("not replayed");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isEqualTo(ExitCodes.OK);
        assertThat(apply.out()).contains("CREATE UNIQUE INDEX idx_agents_machine_id_unique");
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_agents_machine_id_unique'"))
                .isEqualTo(1);
    }

    @Test
    void withoutScriptsARedFlagDatabaseFallsBackToTheHandCatalogAndSaysSoAndRepairAsksForThem() {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);

        CliRun audit = CliRun.against(db, "migrations", "audit");
        CliRun repair = CliRun.against(db, "migrations", "repair", "--plan");

        assertThat(audit.out()).contains("hand catalog of RedFlag 015-023a only", "--migrations-dir");
        assertThat(repair.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(repair.err()).contains("give --migrations-dir");
    }
}
