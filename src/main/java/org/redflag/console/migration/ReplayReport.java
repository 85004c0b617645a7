package org.redflag.console.migration;

import java.util.List;

/**
 * What a replay audit found, as plain data for the CLI and the window.
 *
 * @param source the scripts replayed (kept so a repair can re-run the same audit)
 * @param replayDatabase where the replay ran (a throwaway database, gone by the time this exists)
 * @param replayServerVersion the replay server's version() text; {@code targetServerVersion} the target's
 * @param verdicts one per recorded migration, in the recorded order
 * @param replayMillis the whole audit's wall time: target read, replay, diff
 */
public record ReplayReport(ReplaySource source, String replayDatabase, String replayServerVersion,
        String targetServerVersion, List<FileVerdict> verdicts, List<ReplayFinding> findings, long replayMillis) {

    public ReplayReport {
        verdicts = List.copyOf(verdicts);
        findings = List.copyOf(findings);
    }

    /** Findings about the database (not about the script files) that need attention. */
    public List<ReplayFinding> databaseProblems() {
        return findings.stream().filter(f -> !f.kind().hazard() && f.severity().needsAttention()).toList();
    }

    /** True when the database is what its record claims; file hazards may remain. */
    public boolean clean() {
        return databaseProblems().isEmpty();
    }

    public List<ReplayFinding> findings(ReplayFindingKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    public List<ReplayFinding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }
}
