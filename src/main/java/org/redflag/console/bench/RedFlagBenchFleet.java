package org.redflag.console.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.redflag.console.shapes.RedFlagSeed;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.shapes.RunResult;

/**
 * A fleet in a RedFlag-shaped database: RedFlag's own scripts build the schema (with RedFlag's indexes, and none
 * of the console's) and {@link RedFlagSeed} writes the rows the way RedFlag's server and agents write them. The
 * console's repositories then have to live with what RedFlag indexed.
 */
final class RedFlagBenchFleet implements BenchFleet {

    /** RedFlagSeed spreads history over the last 30 days. */
    static final int HISTORY_DAYS = 30;

    /** Fixed, so two runs of the same size fill the same content. */
    static final long RANDOM_SEED = 42;

    private final DataSource dataSource;
    private final RedFlagShape shape;

    RedFlagBenchFleet(DataSource dataSource, RedFlagShape shape) {
        this.dataSource = dataSource;
        this.shape = shape;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Builds the shape on the empty database, seeds it in one transaction (one command per agent, so every
     * agent has had one, as on a server that has been running a while), then ANALYZEs as autovacuum would have.
     * The seed is one statement per table, so the history has no progress to report.
     */
    @Override
    public List<Step> generate(FleetBench.Sizes sizes, LongConsumer historyProgress) throws SQLException {
        long start = System.nanoTime();
        RunResult built = shape.build(dataSource);
        Step build = new Step("RedFlag scripts (" + built.recorded().size() + " files)", BenchFleet.seconds(start), 0);
        long seedStart = System.nanoTime();
        RedFlagSeed.Counts seeded = RedFlagSeed.seed(dataSource, new RedFlagSeed.Options(Math.toIntExact(sizes.agents()),
                Math.toIntExact(sizes.agents()), Math.toIntExact(sizes.history()), RANDOM_SEED), Instant.now());
        double seedSeconds = BenchFleet.seconds(seedStart);
        historyProgress.accept(sizes.history());
        long analyzeStart = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        return List.of(build,
                new Step(shape == RedFlagShape.LATER ? "seed: agents (+ 015's subsystems), commands, history"
                        : "seed: agents, commands, history", seedSeconds,
                        seeded.agents() + seeded.subsystems() + seeded.commands() + seeded.historyRows()),
                new Step("analyze", BenchFleet.seconds(analyzeStart), 0));
    }

    @Override
    public List<String> tables() {
        return shape == RedFlagShape.LATER ? List.of("agents", "agent_subsystems", "agent_commands", "update_logs")
                : List.of("agents", "agent_commands", "update_logs");
    }

    @Override
    public int historyDays() {
        return HISTORY_DAYS;
    }

    /**
     * v0.1.18 knows one scan, scan_updates, and has no subsystem column: its filter works on the action alone.
     * The later generation has docker scans and the 022 column.
     */
    @Override
    public String subsystemFilter() {
        return shape == RedFlagShape.LATER ? "docker" : "updates";
    }

    /** "Reboot scheduled" is the output of every reboot row: one action in seven or eight. */
    @Override
    public String commonOutputText() {
        return "Reboot scheduled";
    }

    /** No seeded output has it: the search finds nothing and shows what reading all outputs costs. */
    @Override
    public String rareOutputText() {
        return FleetGenerator.RARE_OUTPUT_TEXT;
    }

    /**
     * RedFlag's server hands out commands with status pending, and 023a (later) allows one pending command per
     * agent and type; v0.1.18 has no such index, so this counts what the console's advisory lock must prevent.
     */
    @Override
    public long duplicateScans() throws SQLException {
        return count("""
                SELECT count(*) FROM (SELECT 1 FROM agent_commands WHERE status = 'pending'
                                      GROUP BY agent_id, command_type HAVING count(*) > 1) d
                """);
    }

    @Override
    public String duplicateRule() {
        return "more than one pending command per (agent_id, command_type)";
    }

    /** The simulated fleet claims from the console's own tables and statuses; RedFlag's agents do that here. */
    @Override
    public boolean runsClaimRound() {
        return false;
    }

    /** The agent with the most history among the first hundred in hostname order: a busy agent's History tab. */
    @Override
    public Optional<UUID> someAgent() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT a.id FROM (SELECT id FROM agents ORDER BY lower(hostname), id LIMIT 100) a
                ORDER BY (SELECT count(*) FROM update_logs l WHERE l.agent_id = a.id) DESC, a.id LIMIT 1""");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
        }
    }
}
