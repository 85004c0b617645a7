package org.redflag.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * RedFlag keeps times in zoneless columns as UTC wall time. The console's pool runs its sessions in UTC and
 * reads those values as UTC, so an agent seen at 10:00 UTC is seen at 10:00 UTC whatever the zone of the
 * workstation (here: the JVM's zone is set to Tokyo for the test).
 */
class UtcSessionTest {

    @Test
    void zonelessRedFlagTimesAreUtcWhateverTheWorkstationsZone() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        UUID agent = RedFlagFixtures.agent(db, 0);
        db.execute("UPDATE agents SET last_seen = '2026-11-26 10:00:00' WHERE id = '" + agent + "'");
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        try (Database database = Database.open(new DatabaseTarget.Server(db.url(), TestPostgres.SUPERUSER), Optional.empty())) {
            try (var c = database.connection(); var s = c.createStatement(); var rs = s.executeQuery("SHOW TIME ZONE")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("UTC");
            }
            AgentRepository agents = new AgentRepository(database.dataSource(), SchemaProbe.probe(database.dataSource()));

            assertThat(agents.find(agent).orElseThrow().lastSeen()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
