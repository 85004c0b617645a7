package org.redflag.console.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.redflag.console.migration.FileVerdict.Verdict;
import org.redflag.console.migration.MigrationScriptFolder.ScriptFile;
import org.redflag.console.shapes.RedFlagRunner;

/**
 * Migration truth by replay: replays a history's own scripts, in the recorded order, into a throwaway
 * database, and compares what they make with the target's catalog, object by object. The target is only
 * read, in READ ONLY transactions. Blocking: call it off the FX thread.
 *
 * <p>Without scripts, {@link LegacyAudit} and its hand catalog remain the fallback.
 */
public final class ReplayAudit {

    private final ThrowawayDatabases throwaways;

    public ReplayAudit(ThrowawayDatabases throwaways) {
        this.throwaways = Objects.requireNonNull(throwaways, "throwaways");
    }

    /** The console's way: each audit starts an embedded server in a temporary folder and removes it after. */
    public static ReplayAudit embedded() {
        return new ReplayAudit(new EmbeddedThrowaways());
    }

    public ReplayReport audit(DataSource target, ReplaySource source) throws SQLException {
        long start = System.nanoTime();
        SchemaCatalog targetCatalog;
        List<String> recordedVersions;
        try (Connection c = target.getConnection()) {
            targetCatalog = CatalogReader.read(c);
            recordedVersions = readRecord(c, source.history());
        }
        List<ReplayFinding> findings = new ArrayList<>();
        List<FileVerdict> missingScripts = new ArrayList<>();
        List<ReplayScript> recorded = new ArrayList<>();
        for (String version : recordedVersions) {
            source.byVersion(version).ifPresentOrElse(recorded::add, () -> {
                missingScripts.add(new FileVerdict(version, Verdict.NOT_REPLAYED, 0, List.of(), List.of(),
                        version + " is recorded, but no script for it was given: its effects are not checked."));
                findings.add(new ReplayFinding(version, ReplayFindingKind.SCRIPT_MISSING, Severity.WARNING,
                        version + " is recorded, but no script for it was given: its effects are not checked.",
                        null, null, null, List.of()));
            });
        }
        Set<String> recordedNames = new HashSet<>(recorded.stream().map(ReplayScript::name).toList());
        List<ReplayScript> unrecorded = source.scripts().stream().filter(s -> !recordedNames.contains(s.name()))
                .sorted(order(source.history())).toList();
        Set<String> selfRecording = scriptHazards(source, findings);

        ShadowReplay.Run run = new ShadowReplay(throwaways).run(source.history(), recorded, unrecorded);
        for (ShadowReplay.FileRun file : run.files()) {
            runHazards(file, findings);
        }
        ReplayComparison comparison = new ReplayComparison(source.history(), run, targetCatalog, selfRecording);
        comparison.compare();
        findings.addAll(comparison.findings);
        SchemaCatalog replayCatalog = run.afterAll();
        if (replayCatalog.majorVersion() != targetCatalog.majorVersion()) {
            findings.add(new ReplayFinding("-", ReplayFindingKind.SERVER_VERSION, Severity.WARNING,
                    "The replay ran on PostgreSQL " + replayCatalog.majorVersion() + " but the database is on "
                            + targetCatalog.majorVersion() + ": definitions may be written differently, so a "
                            + "\"drifted\" finding may be only that.", null, targetCatalog.serverVersion(),
                    replayCatalog.serverVersion(), List.of()));
        }
        List<FileVerdict> verdicts = new ArrayList<>(comparison.verdicts);
        verdicts.addAll(missingScripts);
        Map<String, Integer> position = new TreeMap<>();
        for (int i = 0; i < recordedVersions.size(); i++) {
            position.put(recordedVersions.get(i), i);
        }
        Map<String, String> versionOfName = new TreeMap<>();
        recorded.forEach(s -> versionOfName.put(s.name(), s.version()));
        verdicts.sort(Comparator.comparing(v -> position.getOrDefault(versionOfName.getOrDefault(v.migration(),
                v.migration()), Integer.MAX_VALUE)));
        findings.sort(Comparator.comparing(ReplayFinding::severity).thenComparing(ReplayFinding::migration,
                RedFlagRunner.BYTE_ORDER).thenComparing(f -> f.kind().ordinal()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ReplayReport(source, run.database(), replayCatalog.serverVersion(), targetCatalog.serverVersion(),
                verdicts, findings, millis);
    }

    /** The recorded order: RedFlag's names byte-wise, as its runner sorts them; Flyway's by installed_rank. */
    private static List<String> readRecord(Connection c, ReplayHistory history) throws SQLException {
        String table = history == ReplayHistory.REDFLAG ? "schema_migrations" : "flyway_schema_history";
        String sql = history == ReplayHistory.REDFLAG ? "SELECT version FROM schema_migrations"
                : "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank";
        List<String> versions = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return versions;
                }
            }
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setAutoCommit(autoCommit);
        }
        if (history == ReplayHistory.REDFLAG) {
            versions.sort(RedFlagRunner.BYTE_ORDER);
        }
        return versions;
    }

    private static Comparator<ReplayScript> order(ReplayHistory history) {
        if (history == ReplayHistory.REDFLAG) {
            return Comparator.comparing(ReplayScript::name, RedFlagRunner.BYTE_ORDER);
        }
        return Comparator.comparing(s -> new java.math.BigDecimal(s.version().replaceAll("\\.(?=.*\\.)", "")));
    }

    /** Hazards read from the files' text: their own record, shared version prefixes. */
    private static Set<String> scriptHazards(ReplaySource source, List<ReplayFinding> findings) {
        Set<String> selfRecording = new HashSet<>();
        if (source.history() != ReplayHistory.REDFLAG) {
            return selfRecording;
        }
        Map<String, List<String>> byPrefix = new TreeMap<>();
        for (ReplayScript script : source.scripts()) {
            new ScriptFile(script.name(), script.sql()).lineInsertingIntoHistory().ifPresent(line -> {
                selfRecording.add(script.name());
                findings.add(new ReplayFinding(script.name(), ReplayFindingKind.SELF_RECORDING, Severity.WARNING,
                        script.name() + " inserts its own schema_migrations row (line " + line + "): with the runner's "
                                + "own INSERT it fails with a duplicate key, and v0.1.18's runner records it anyway.",
                        null, null, null, List.of()));
            });
            RedFlagCatalog.versionOf(script.name())
                    .ifPresent(v -> byPrefix.computeIfAbsent(v, k -> new ArrayList<>()).add(script.name()));
        }
        byPrefix.forEach((version, names) -> {
            if (names.size() > 1) {
                names.sort(RedFlagRunner.BYTE_ORDER);
                findings.add(new ReplayFinding(names.get(0), ReplayFindingKind.DUPLICATE_VERSION, Severity.WARNING,
                        names.size() + " files share version " + version + ": " + String.join(", ", names)
                                + "; the runner orders them by name, so their order is an accident of naming.",
                        null, null, null, List.of()));
            }
        });
        return selfRecording;
    }

    private static void runHazards(ShadowReplay.FileRun file, List<ReplayFinding> findings) {
        String name = file.script().name();
        if (file.failedInTransaction()) {
            findings.add(new ReplayFinding(name, ReplayFindingKind.FAILS_IN_TRANSACTION, Severity.WARNING, name
                    + " fails inside a transaction (CREATE INDEX CONCURRENTLY, SQLSTATE 25001): RedFlag's runner "
                    + "cannot apply it; the replay ran it outside one to know its effects.", null, null, null, List.of()));
        }
        if (file.failure() != null) {
            findings.add(new ReplayFinding(name, ReplayFindingKind.REPLAY_FAILED, Severity.WARNING, name
                    + " fails when replayed in order on an empty database: " + file.failure(), null, null, null, List.of()));
        }
        if (file.secondRunFailure() != null) {
            findings.add(new ReplayFinding(name, ReplayFindingKind.CANNOT_RUN_TWICE, Severity.WARNING, name
                    + " cannot run twice (" + file.secondRunFailure() + "): if it runs again, v0.1.18's runner "
                    + "records an \"already exists\" failure as applied.", null, null, null, List.of()));
        }
    }
}
