package org.redflag.console.app;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.migration.AuditReport;
import org.redflag.console.migration.LegacyAudit;
import org.redflag.console.migration.RepairOutcome;
import org.redflag.console.migration.RepairPlan;
import org.redflag.console.migration.RepairStep;
import org.redflag.console.migration.Repairs;
import org.redflag.console.migration.ReplayAudit;
import org.redflag.console.migration.ReplayReport;
import org.redflag.console.migration.ReplaySource;
import org.redflag.console.migration.StepListener;

/**
 * The open database's audit and repair, for the window: the replay audit with the scripts that fit the schema
 * (the hand catalog when there are none), and applying a repair plan with one history row per step. It holds
 * the connection source, so the views never see JDBC. Every method blocks: call them off the FX thread.
 */
public final class DatabaseAudit {

    /** The history action of a repair step an administrator applied. */
    public static final String REPAIR_ACTION = "schema_repair";

    /** What applying did, and the history rows that could not be written (empty when all were). */
    public record Applied(RepairOutcome outcome, List<String> historyFailures) {
        public Applied {
            historyFailures = List.copyOf(historyFailures);
        }
    }

    private final ReplayAudit replay;
    private final LegacyAudit legacy;
    private final Function<Optional<Path>, Optional<ReplaySource>> sources;
    private final DataSource target;
    private final HistoryRepository history;
    private final Clock clock;

    public DatabaseAudit(ReplayAudit replay, LegacyAudit legacy, Function<Optional<Path>, Optional<ReplaySource>> sources,
            DataSource target, HistoryRepository history, Clock clock) {
        this.replay = Objects.requireNonNull(replay, "replay");
        this.legacy = Objects.requireNonNull(legacy, "legacy");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.target = Objects.requireNonNull(target, "target");
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The console's way: its replay audit, its scripts for the schema it found, its database and history. */
    public static DatabaseAudit of(ConsoleContext context) {
        return new DatabaseAudit(context.replayAudit(), context.legacyAudit(), context::replaySource,
                context.database().dataSource(), context.history(), context.clock());
    }

    /** The scripts to replay for this database, given RedFlag's folder (if any); empty: use the hand catalog. */
    public Optional<ReplaySource> source(Optional<Path> redflagScripts) {
        return sources.apply(redflagScripts);
    }

    public ReplayReport replay(ReplaySource source) throws SQLException {
        return replay.audit(target, source);
    }

    /** The fallback without scripts: the hand catalog of RedFlag 015–023a. */
    public AuditReport handCatalog(Optional<Path> redflagScripts) throws SQLException, IOException {
        return legacy.run(redflagScripts);
    }

    /**
     * Applies the plan (each step in its own transaction, CONCURRENTLY ones alone, stopping at the first
     * failure), writes one history row per step that ran, and audits again.
     */
    public Applied apply(RepairPlan plan, StepListener listener) throws SQLException {
        List<String> historyFailures = Collections.synchronizedList(new ArrayList<>());
        StepListener recording = new StepListener() {
            @Override
            public void before(int index, int total, RepairStep step) {
                listener.before(index, total, step);
            }

            @Override
            public void after(int index, int total, RepairStep step, StepResult result) {
                try {
                    history.insertMaintenance(REPAIR_ACTION, result.succeeded(), step.sql(),
                            result.succeeded() ? step.sentence() : result.error(), clock.instant());
                } catch (SQLException | RuntimeException e) {
                    historyFailures.add("step " + (index + 1) + ": " + e.getMessage());
                }
                listener.after(index, total, step, result);
            }
        };
        RepairOutcome outcome = new Repairs(replay).apply(plan, target, recording);
        return new Applied(outcome, historyFailures);
    }
}
