package org.redflag.console.migration;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.migration.AuditRepository.Facts;
import org.redflag.console.migration.AuditRepository.FlywayRow;
import org.redflag.console.migration.MigrationScriptFolder.ScriptFile;
import org.redflag.console.migration.RedFlagCatalog.LegacyMigration;

/**
 * Claims versus reality. The claims are RedFlag's schema_migrations rows (and its script files, when given)
 * and our own Flyway history; the reality is what the catalog of the database holds. Reads only; works on a
 * database that has either history, both, or none.
 */
public final class LegacyAudit {

    private final AuditRepository repository;
    private final SchemaMigrator ourScripts;

    public LegacyAudit(AuditRepository repository, SchemaMigrator ourScripts) {
        this.repository = repository;
        this.ourScripts = ourScripts;
    }

    /**
     * Blocking: call it off the FX thread.
     *
     * @param scriptsFolder RedFlag's migration files, to look for files that write their own record
     * @throws IOException when the folder was given but cannot be read
     */
    public AuditReport run(Optional<Path> scriptsFolder) throws SQLException, IOException {
        List<ScriptFile> scripts = scriptsFolder.isPresent() ? MigrationScriptFolder.read(scriptsFolder.get()) : List.of();
        Facts facts = repository.read();
        List<Finding> findings = new ArrayList<>();
        List<LegacyVerdict> verdicts = new ArrayList<>();
        facts.legacyRecords().ifPresent(records -> checkLegacy(records, facts.schema(), findings, verdicts));
        checkScripts(facts.legacyRecords().orElse(List.of()), scripts, findings);
        int flywayChecked = facts.flywayRows().map(rows -> checkFlyway(rows, facts.schema(), findings)).orElse(0);
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::migration)
                .thenComparing(f -> f.kind().ordinal()));
        return new AuditReport(facts.legacyRecords(), verdicts, facts.flywayRows().isPresent(), flywayChecked,
                scriptsFolder, scripts.size(), findings);
    }

    private static void checkLegacy(List<String> records, SchemaSnapshot schema, List<Finding> findings,
            List<LegacyVerdict> verdicts) {
        Map<String, List<String>> recorded = new TreeMap<>();
        for (String file : records) {
            Optional<String> version = RedFlagCatalog.versionOf(file);
            if (version.isEmpty()) {
                findings.add(new Finding(file, FindingKind.UNKNOWN, Severity.NOTE, file
                        + " is recorded in schema_migrations but has no version number, so it was not checked."));
                continue;
            }
            recorded.computeIfAbsent(version.get(), v -> new ArrayList<>()).add(file);
        }
        Set<String> versions = new LinkedHashSet<>(recorded.keySet());
        RedFlagCatalog.known().forEach(m -> versions.add(m.version()));
        for (String version : versions.stream().sorted().toList()) {
            List<String> files = recorded.getOrDefault(version, List.of());
            Optional<LegacyMigration> known = RedFlagCatalog.find(version);
            if (known.isEmpty()) {
                verdicts.add(new LegacyVerdict(version, files, "not checked (unknown)"));
                for (String file : files) {
                    findings.add(new Finding(version, FindingKind.UNKNOWN, Severity.NOTE, file + " is recorded, but "
                            + "this console's catalog does not know what " + version + " should create, so it was not checked."));
                }
                continue;
            }
            checkKnown(known.get(), files, schema, findings).ifPresent(verdicts::add);
        }
    }

    private static Optional<LegacyVerdict> checkKnown(LegacyMigration migration, List<String> files, SchemaSnapshot schema,
            List<Finding> findings) {
        List<String> missing = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (ExpectedEffect effect : migration.effects()) {
            effect.absence(schema).ifPresentOrElse(
                    why -> missing.add(effect.describe() + " " + why),
                    () -> present.add(effect.describe()));
        }
        String version = migration.version();
        if (!files.isEmpty()) {
            if (missing.isEmpty()) {
                return Optional.of(new LegacyVerdict(version, files, "effects present"));
            }
            findings.add(new Finding(version, FindingKind.FALSE_COMPLETE, Severity.ERROR, String.join(" and ", files)
                    + " is recorded as applied, but " + String.join("; ", missing) + ". The runner will not run it "
                    + "again by itself: create what is missing by hand, or delete its row from schema_migrations and "
                    + "run the fixed migration again."));
            return Optional.of(new LegacyVerdict(version, files, "FALSE COMPLETE"));
        }
        if (present.isEmpty()) {
            return Optional.empty();
        }
        String exists = String.join(" and ", present) + (present.size() == 1 ? " exists" : " exist");
        String sentence = missing.isEmpty()
                ? exists + ", but " + migration.label() + " is not recorded in schema_migrations, so RedFlag's runner "
                        + "will run it again and fail on \"already exists\". Check that they match " + version
                        + ", then record its file name in schema_migrations."
                : exists + ", but " + migration.label() + " is not recorded in schema_migrations and "
                        + String.join("; ", missing) + ": it stopped half-way. Finish or undo it by hand before the "
                        + "runner tries again.";
        findings.add(new Finding(version, FindingKind.UNRECORDED, Severity.WARNING, sentence));
        return Optional.of(new LegacyVerdict(version, files, missing.isEmpty() ? "not recorded, effects present"
                : "not recorded, partly present"));
    }

    private static void checkScripts(List<String> records, List<ScriptFile> scripts, List<Finding> findings) {
        for (ScriptFile script : scripts) {
            script.lineInsertingIntoHistory().ifPresent(line -> findings.add(new Finding(
                    RedFlagCatalog.versionOf(script.name()).orElse(script.name()), FindingKind.SELF_RECORDING, Severity.ERROR,
                    script.name() + " inserts its own row into schema_migrations (line " + line + "). The runner "
                            + "records every migration itself, so the second insert fails on the primary key and "
                            + "leaves the migration half-done. Remove the INSERT from the file.")));
        }
        Map<String, Set<String>> byVersion = new TreeMap<>();
        records.forEach(file -> RedFlagCatalog.versionOf(file)
                .ifPresent(v -> byVersion.computeIfAbsent(v, k -> new java.util.TreeSet<>()).add(file)));
        scripts.stream().filter(ScriptFile::isUp).forEach(script -> RedFlagCatalog.versionOf(script.name())
                .ifPresent(v -> byVersion.computeIfAbsent(v, k -> new java.util.TreeSet<>()).add(script.name())));
        byVersion.forEach((version, files) -> {
            if (files.size() > 1) {
                findings.add(new Finding(version, FindingKind.DUPLICATE_VERSION, Severity.WARNING,
                        files.stream().collect(Collectors.joining(" and ")) + " share version " + version + ": the "
                                + "runner orders them by file name, which nobody chose, and a fix to one is easily "
                                + "applied as the other. Give each its own number."));
            }
        });
    }

    /** @return how many objects were checked */
    private int checkFlyway(List<FlywayRow> rows, SchemaSnapshot schema, List<Finding> findings) {
        ScriptEffects.Ledger ledger = new ScriptEffects.Ledger();
        Map<String, String> labels = new TreeMap<>();
        for (FlywayRow row : rows) {
            if (!row.success() || !"SQL".equalsIgnoreCase(row.type()) || row.script() == null) {
                continue;
            }
            String migration = row.version() == null ? row.script() : "V" + row.version();
            labels.put(migration, migration + (row.description() == null ? "" : " (" + row.description() + ")"));
            ourScripts.scriptText(row.script()).ifPresent(text -> ledger.apply(migration, text));
        }
        List<ScriptEffects.Ledger.Owned> expected = ledger.expected();
        for (ScriptEffects.Ledger.Owned owned : expected) {
            owned.effect().absence(schema).ifPresent(why -> findings.add(new Finding(owned.migration(), FindingKind.DRIFT,
                    Severity.ERROR, labels.get(owned.migration()) + " is recorded by Flyway as successful, but "
                            + owned.effect().describe() + " " + why + ". It was changed outside a migration: put it back "
                            + "with a new migration, never by editing " + owned.migration() + ".")));
        }
        return expected.size();
    }
}
