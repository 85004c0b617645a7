package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.migration.FileVerdict.Verdict;
import org.redflag.console.shapes.MigrationScripts;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.CatalogSnapshot;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class ReplayAuditTest {

    @TempDir
    Path tmp;

    @Test
    void aHealthyLaterDatabaseGetsAVerdictForEveryRecordedFileAndNoError() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        RedFlagShape.LATER.build(db.dataSource());
        var before = CatalogSnapshot.take(db);

        ReplayReport report = ReplayFixtures.audit().audit(db.dataSource(),
                ReplaySource.redFlag(MigrationScripts.classpath()));
        System.out.println("LATER (31 files) " + ReplayFixtures.describe(report));

        assertThat(report.verdicts()).hasSize(31);
        assertThat(report.verdicts()).allMatch(v -> v.verdict() == Verdict.EFFECTS_PRESENT, "effects present");
        assertThat(report.errors()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(CatalogSnapshot.take(db)).isEqualTo(before);
        assertThat(ReplayFixtures.leftoverThrowaways(db)).isZero();
    }
}
