package org.redflag.console.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redflag.console.shapes.RedFlagSeed;
import org.redflag.console.shapes.RedFlagShape;

/**
 * RedFlag servers' databases, built by the project's own scripts run the way RedFlag's runners run them
 * (see {@link RedFlagShape}), and seeded in the shapes RedFlag's server writes: 40 agents, 40 commands,
 * 1,000 history rows.
 */
public final class RedFlagFixtures {

    private RedFlagFixtures() {
    }

    public static TestDatabase build(RedFlagShape shape) {
        TestDatabase db = TestPostgres.newDatabase();
        shape.build(db.dataSource());
        RedFlagSeed.seed(db.dataSource(), Instant.now());
        return db;
    }

    /** A later-generation database whose server signs commands: it has an active signing key. */
    public static TestDatabase signed() {
        TestDatabase db = build(RedFlagShape.LATER);
        RedFlagSeed.addActiveSigningKey(db.dataSource());
        return db;
    }

    /**
     * What RedFlag's server hands an agent at its next check-in, by the generation's own pending-commands
     * query (SCHEMA.md (d)): v0.1.18 takes the ten oldest pending rows; the later server a hundred, skipping
     * expired ones, compared in a UTC session as it runs.
     */
    public static List<Map<String, Object>> pendingForAgent(TestDatabase db, RedFlagShape shape, UUID agentId) {
        String sql = shape == RedFlagShape.V0_1_18
                ? "SELECT * FROM agent_commands WHERE agent_id = ? AND status = 'pending' ORDER BY created_at ASC LIMIT 10"
                : "SELECT * FROM agent_commands WHERE agent_id = ? AND status = 'pending' "
                        + "AND (expires_at IS NULL OR expires_at > NOW()) ORDER BY created_at ASC LIMIT 100";
        return rows(db, sql, agentId);
    }

    /** Every row a query returns, as column → value maps. */
    public static List<Map<String, Object>> rows(TestDatabase db, String sql, Object... args) {
        try (Connection c = db.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnName(i), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** An agent of the seeded fleet, by the order of its hostname (0 = first). */
    public static UUID agent(TestDatabase db, int index) {
        return UUID.fromString(db.queryString("SELECT id::text FROM agents ORDER BY lower(hostname), id OFFSET ? LIMIT 1", index));
    }

    /** The first agent of that OS whose subsystem is enabled (later generation) or any agent (v0.1.18). */
    public static UUID agentThatCanScan(TestDatabase db, String osType, String subsystem) {
        boolean table = db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'agent_subsystems'") > 0;
        String sql = table
                ? "SELECT a.id::text FROM agents a JOIN agent_subsystems s ON s.agent_id = a.id AND s.subsystem = ? "
                        + "AND s.enabled WHERE a.os_type = ? ORDER BY a.hostname LIMIT 1"
                : "SELECT a.id::text FROM agents a WHERE a.os_type = ? AND ? IS NOT NULL ORDER BY a.hostname LIMIT 1";
        String id = table ? db.queryString(sql, subsystem, osType) : db.queryString(sql, osType, subsystem);
        if (id == null) {
            throw new IllegalStateException("the seeded fleet has no " + osType + " agent that can scan " + subsystem);
        }
        return UUID.fromString(id);
    }
}
