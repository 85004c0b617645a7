package org.redflag.console.shapes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Fills a RedFlag-shaped database ({@link RedFlagShape}) with a fleet written the way RedFlag's server and
 * agents write it: only the columns they set, ids from the column defaults, timestamp columns holding UTC
 * wall-clock times computed from an injected {@code now}. What exists is read from the catalog, so the same
 * seed works on both shapes (and on a real database with more). Everything is set-based SQL in one
 * transaction: 100,000 agents and 2,000,000 history rows are a handful of statements.
 */
public final class RedFlagSeed {

    /** How much to make; {@code randomSeed} makes the content (not the generated ids) repeatable. */
    public record Options(int agents, int commands, int historyRows, long randomSeed) {

        public static final Options DEFAULTS = new Options(40, 40, 1000, 1);

        public Options {
            if (agents < 1 || commands < 0 || historyRows < 0) {
                throw new IllegalArgumentException("need at least one agent and no negative counts");
            }
        }

        public Options withAgents(int n) {
            return new Options(n, commands, historyRows, randomSeed);
        }

        public Options withCommands(int n) {
            return new Options(agents, n, historyRows, randomSeed);
        }

        public Options withHistoryRows(int n) {
            return new Options(agents, commands, n, randomSeed);
        }

        public Options withRandomSeed(long seed) {
            return new Options(agents, commands, historyRows, seed);
        }
    }

    /** Rows per table; subsystems are the ones the 015 trigger made for the seeded agents. */
    public record Counts(long agents, long subsystems, long commands, long historyRows, long packageStates,
            long storageMetrics, long dockerImages) {
    }

    private RedFlagSeed() {
    }

    /** The default fleet: 40 agents, 40 commands, 1000 history rows. */
    public static Counts seed(DataSource dataSource, Instant now) {
        return seed(dataSource, Options.DEFAULTS, now);
    }

    /** Seeds the database and returns what was inserted; the counts always equal {@link #expected}. */
    public static Counts seed(DataSource dataSource, Options options, Instant now) {
        Objects.requireNonNull(options, "options");
        LocalDateTime utcNow = LocalDateTime.ofInstant(Objects.requireNonNull(now, "now"), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Counts counts = fill(c, options, utcNow);
                c.commit();
                return counts;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not seed the RedFlag database: " + e.getMessage(), e);
        }
    }

    /** The exact counts {@link #seed} makes for {@code options} on {@code shape}. */
    public static Counts expected(Options options, RedFlagShape shape) {
        boolean later = shape == RedFlagShape.LATER;
        int n = options.agents();
        return new Counts(n, later ? 4L * n : 0, options.commands(), options.historyRows(),
                (long) SeedStatements.PACKAGES_PER_AGENT * Math.min(n, SeedStatements.PACKAGE_AGENTS),
                later ? (long) SeedStatements.MOUNTPOINTS_PER_AGENT * n : 0,
                later ? (long) SeedStatements.IMAGES_PER_DOCKER_AGENT * (n / SeedStatements.DOCKER_EVERY) : 0);
    }

    private static Counts fill(Connection c, Options o, LocalDateTime now) throws SQLException {
        SeedCatalog catalog = new SeedCatalog(c);
        // The later generation is recognised by what 015 made, not by schema_migrations (false completes).
        boolean later = catalog.hasTable("agent_subsystems");
        try (Statement s = c.createStatement()) {
            // The values are computed from the injected clock; a UTC session keeps any now() the same clock.
            s.execute("SET LOCAL TimeZone = 'UTC'");
            s.execute(SeedStatements.SEED_AGENT_TABLE);
        }
        long agents = update(c, SeedStatements.agents(later, catalog.hasColumn("agents", "machine_id"), o.agents()),
                now, o);
        long subsystems = later ? count(c, "SELECT count(*) FROM agent_subsystems s JOIN seed_agent a ON a.id = s.agent_id")
                : 0;
        long commands = o.commands() == 0 ? 0
                : update(c, SeedActivity.commands(later, catalog.hasColumn("agent_commands", "expires_at"),
                        catalog.hasColumn("agent_commands", "updated_at"), o.agents(), o.commands()), now, o);
        long history = o.historyRows() == 0 ? 0
                : update(c, SeedActivity.history(later, catalog.hasColumn("update_logs", "subsystem"), o.agents(),
                        o.historyRows()), now, o);
        long packages = update(c, SeedStatements.packageStates(), now, o);
        long storage = catalog.hasTable("storage_metrics") ? update(c, SeedStatements.storageMetrics(), now, o) : 0;
        long docker = catalog.hasTable("docker_images") ? update(c, SeedStatements.dockerImages(), now, o) : 0;
        return new Counts(agents, subsystems, commands, history, packages, storage, docker);
    }

    private static long update(Connection c, String sql, LocalDateTime now, Options o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, now);
            ps.setLong(2, o.randomSeed());
            return ps.executeLargeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Inserts an active, primary ed25519 key into signing_keys, as the later server does at start-up, and
     * demotes any earlier primary (rotation keeps old keys active). A database with such a key is one whose
     * commands must be signed. Returns the key id: the first 16 bytes of SHA-256 of the public key, in hex.
     * Fails on a database without signing_keys (v0.1.18).
     */
    public static String addActiveSigningKey(DataSource dataSource) {
        byte[] publicKey = new byte[32];
        new SecureRandom().nextBytes(publicKey);
        String keyId = HexFormat.of().formatHex(sha256(publicKey), 0, 16);
        try (Connection c = dataSource.getConnection()) {
            if (!new SeedCatalog(c).hasTable("signing_keys")) {
                throw new IllegalStateException("this database has no signing_keys table (migration 020): "
                        + "it is not a later-generation RedFlag database");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO signing_keys (key_id, public_key, algorithm, is_active, is_primary, created_at,
                                                      version)
                            SELECT ?, ?, 'ed25519', true, true, now() AT TIME ZONE 'UTC',
                                   coalesce(max(version), 0) + 1
                              FROM signing_keys
                            """)) {
                s.execute("UPDATE signing_keys SET is_primary = false WHERE is_primary");
                ps.setString(1, keyId);
                ps.setString(2, HexFormat.of().formatHex(publicKey));
                ps.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return keyId;
        } catch (SQLException e) {
            throw new IllegalStateException("could not add a signing key: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
