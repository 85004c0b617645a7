package org.redflag.console.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The newest system scan of an agent, from the console's system_info or RedFlag's agent_specs. */
class LatestSystemTest {

    @Test
    void theConsoleSchemaGivesTheNewestSystemInfoRow() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        assertThat(SchemaProbe.probe(db.dataSource()).has(Feature.SYSTEM_INFO)).isTrue();
        UUID web = Fleets.insertAgent(db, "web-01.prod", "linux", Instant.now());
        UUID other = Fleets.insertAgent(db, "web-02.prod", "linux", Instant.now());
        db.execute("""
                INSERT INTO system_info (agent_id, cpu_model, cpu_cores, memory_total_bytes, memory_used_bytes,
                                         uptime_seconds, collected_at)
                VALUES ('%1$s', 'Old CPU', 2, 1024, 512, 60, '2026-11-20T10:00:00Z'),
                       ('%1$s', 'AMD EPYC 7763', 16, 68719476736, 17179869184, 90061, '2026-11-25T10:00:00Z'),
                       ('%2$s', 'Other', 4, 2048, 1024, 10, '2026-11-26T10:00:00Z')
                """.formatted(web, other));
        ScanResultRepository results = new ScanResultRepository(db.dataSource());

        assertThat(results.latestSystem(web)).contains(new SystemInfo("AMD EPYC 7763", 16, 68719476736L, 17179869184L,
                90061L, null, null, Instant.parse("2026-11-25T10:00:00Z")));
        assertThat(results.latestSystem(Fleets.insertAgent(db, "new.prod", "linux", Instant.now()))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void redFlagGivesTheNewestAgentSpecsRowInBytes(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        Capabilities capabilities = SchemaProbe.probe(db.dataSource());
        assertThat(capabilities.has(Feature.AGENT_SPECS)).isTrue();
        assertThat(capabilities.has(Feature.SYSTEM_INFO)).isFalse();
        UUID agent = RedFlagFixtures.agent(db, 0);
        db.execute("DELETE FROM agent_specs");
        db.execute("""
                INSERT INTO agent_specs (agent_id, cpu_model, cpu_cores, memory_total_mb, disk_total_gb, disk_free_gb,
                                         collected_at)
                VALUES ('%1$s', 'Old', 1, 512, 10, 1, '2026-11-20 10:00:00'),
                       ('%1$s', 'Intel Xeon', 8, 16384, 500, 120, '2026-11-25 10:00:00')
                """.formatted(agent));
        ScanResultRepository results = new ScanResultRepository(db.dataSource(), capabilities);

        SystemInfo newest = results.latestSystem(agent).orElseThrow();
        assertThat(newest.cpuModel()).isEqualTo("Intel Xeon");
        assertThat(newest.cpuCores()).isEqualTo(8);
        assertThat(newest.memoryTotalBytes()).isEqualTo(16384L * 1024 * 1024);
        assertThat(newest.diskTotalBytes()).isEqualTo(500L * 1024 * 1024 * 1024);
        assertThat(newest.diskFreeBytes()).isEqualTo(120L * 1024 * 1024 * 1024);
        assertThat(newest.memoryUsedBytes()).isNull();
        assertThat(newest.uptimeSeconds()).isNull();
        assertThat(results.latestSystem(RedFlagFixtures.agent(db, 1))).isEmpty();
    }
}
