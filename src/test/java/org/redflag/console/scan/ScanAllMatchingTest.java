package org.redflag.console.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** "Scan all matching": one statement for every agent the search matches, each rule of a single scan kept. */
class ScanAllMatchingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void queuesOnceOnEveryMatchingAgentThatCanScanAndCountsTheRest() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        List<UUID> web = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            web.add(Fleets.insertAgentWithSubsystems(db, String.format("web-%03d.prod", i), "linux", NOW, "storage"));
        }
        for (int i = 0; i < 30; i++) {
            Fleets.insertAgentWithSubsystems(db, String.format("db-%03d.prod", i), "linux", NOW, "storage");
        }
        for (UUID disabled : web.subList(0, 5)) {
            db.execute("UPDATE agent_subsystems SET enabled = false WHERE agent_id = '" + disabled + "'");
        }
        ScanService scans = service(db);
        for (UUID queued : web.subList(5, 15)) {
            scans.requestScan(queued, Subsystem.STORAGE);
        }

        CommandRepository.MatchingScans first = scans.requestScansMatching("WEB-", Subsystem.STORAGE);

        assertThat(first.matching()).isEqualTo(120);
        assertThat(first.cannotScan()).isEqualTo(5);
        assertThat(first.queued()).isEqualTo(105);
        assertThat(first.alreadyQueued()).isEqualTo(10);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands c JOIN agents a ON a.id = c.agent_id "
                + "WHERE a.hostname LIKE 'web-%' AND c.status = 'pending'")).isEqualTo(115);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands c JOIN agents a ON a.id = c.agent_id "
                + "WHERE a.hostname LIKE 'db-%'")).isZero();

        CommandRepository.MatchingScans again = scans.requestScansMatching("web-", Subsystem.STORAGE);
        assertThat(again.queued()).isZero();
        assertThat(again.alreadyQueued()).isEqualTo(115);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(115);
    }

    @Test
    void aBulkScanGivesItsCommandsTimeOrderedIdsInAgentOrderAndAnotherBulkOthers() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        for (int i = 0; i < 40; i++) {
            Fleets.insertAgentWithSubsystems(db, String.format("node-%02d", i), "linux", NOW, "storage", "system");
        }
        ScanService scans = service(db);

        scans.requestScansMatching("", Subsystem.STORAGE);
        scans.requestScansMatching("", Subsystem.SYSTEM);

        List<UUID> storage = ids(db, "scan_storage");
        List<UUID> system = ids(db, "scan_system");
        assertThat(storage).hasSize(40).isSortedAccordingTo(UUID::compareTo);
        assertThat(system).hasSize(40).isSortedAccordingTo(UUID::compareTo).doesNotContainAnyElementsOf(storage);
        // RFC 9562 layout: version 7, variant 10, and the statement's millisecond in the first 48 bits.
        assertThat(storage).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        long millisecond = storage.get(0).getMostSignificantBits() >>> 16;
        assertThat(millisecond).isBetween(Instant.now().minusSeconds(60).toEpochMilli(), Instant.now().toEpochMilli());
    }

    /** A subsystem's commands' ids in the agents' order (the order the bulk statement inserted them). */
    private static List<UUID> ids(TestDatabase db, String commandType) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement(
                "SELECT id FROM agent_commands WHERE command_type = ? ORDER BY agent_id")) {
            ps.setString(1, commandType);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    @Test
    void searchMetacharactersMatchThemselves() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "web_01.prod", "linux", NOW, "storage");
        Fleets.insertAgentWithSubsystems(db, "webX01.prod", "linux", NOW, "storage");

        CommandRepository.MatchingScans scanned = service(db).requestScansMatching("web_", Subsystem.STORAGE);

        assertThat(scanned.matching()).isEqualTo(1);
        assertThat(new AgentRepository(db.dataSource()).countMatching("web_")).isEqualTo(1);
    }

    @Test
    void aRedFlagDatabaseIsRefusedInASentence() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        var capabilities = SchemaProbe.probe(db.dataSource());
        ScanService scans = new ScanService(new CommandRepository(db.dataSource(), capabilities),
                new SubsystemRepository(db.dataSource(), capabilities), new AgentRepository(db.dataSource(), capabilities),
                clock, ScanService.DEFAULT_COMMAND_TIMEOUT, capabilities, java.util.Optional.empty());

        assertThat(scans.scansAllMatching()).isFalse();
        assertThatThrownBy(() -> scans.requestScansMatching("", Subsystem.STORAGE)).isInstanceOf(ScanRefused.class)
                .hasMessageContaining("Scan selected");
    }

    private ScanService service(TestDatabase db) {
        return new ScanService(new CommandRepository(db.dataSource()), new SubsystemRepository(db.dataSource()),
                new AgentRepository(db.dataSource()), clock, ScanService.DEFAULT_COMMAND_TIMEOUT);
    }
}
