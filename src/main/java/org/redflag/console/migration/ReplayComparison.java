package org.redflag.console.migration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redflag.console.migration.CatalogObject.Kind;
import org.redflag.console.migration.FileVerdict.Verdict;
import org.redflag.console.migration.ShadowReplay.FileRun;

/**
 * Compares the replay with the target, object by object. Each object belongs to the LAST recorded file that
 * made or changed it (017 re-creating 016's index owns it now), so a verdict blames the file whose record is
 * wrong; what a later file dropped belongs to nobody.
 */
final class ReplayComparison {

    private final ReplayHistory history;
    private final ShadowReplay.Run run;
    private final SchemaCatalog target;
    private final Set<String> selfRecording;
    final List<FileVerdict> verdicts = new ArrayList<>();
    final List<ReplayFinding> findings = new ArrayList<>();

    ReplayComparison(ReplayHistory history, ShadowReplay.Run run, SchemaCatalog target, Set<String> selfRecording) {
        this.history = history;
        this.run = run;
        this.target = target;
        this.selfRecording = selfRecording;
    }

    void compare() {
        Map<String, String> recordedOwner = owners(true);
        Map<String, String> unrecordedOwner = owners(false);
        for (FileRun file : run.files()) {
            if (file.recorded()) {
                verdict(file, recordedOwner, unrecordedOwner);
            }
        }
        for (FileRun file : run.files()) {
            if (!file.recorded()) {
                unrecorded(file, unrecordedOwner);
            }
        }
        handDrift();
    }

    private Map<String, String> owners(boolean recorded) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (FileRun file : run.files()) {
            if (file.recorded() == recorded) {
                file.made().keySet().forEach(key -> owner.put(key, file.script().name()));
                file.removed().forEach(owner::remove);
            }
        }
        return owner;
    }

    private void verdict(FileRun file, Map<String, String> owner, Map<String, String> unrecordedOwner) {
        String name = file.script().name();
        List<CatalogObject> owned = run.afterRecorded().objects().values().stream()
                .filter(o -> name.equals(owner.get(o.key()))).toList();
        List<String> missing = new ArrayList<>();
        List<String> drifted = new ArrayList<>();
        List<ReplayFinding> mine = new ArrayList<>();
        for (CatalogObject replay : owned) {
            CatalogObject found = target.get(replay.key());
            if (found == null) {
                missing.add(replay.key());
                mine.add(missingFinding(name, replay));
            } else if (!run.matches(replay, found) && !(unrecordedOwner.containsKey(replay.key())
                    && run.matches(run.afterAll().get(replay.key()), found))) {
                drifted.add(replay.key());
                mine.add(new ReplayFinding(name, ReplayFindingKind.DRIFTED, Severity.ERROR, name + " is recorded, but "
                        + replay.key() + " differs from what it makes: the database has \"" + found.definition()
                        + "\", the scripts make \"" + replay.definition() + "\".", replay.key(), found.definition(),
                        replay.definition(), RepairSteps.drifted(name, replay, found, target)));
            }
        }
        boolean wholeFile = history == ReplayHistory.REDFLAG && !owned.isEmpty() && missing.size() == owned.size()
                && owned.stream().anyMatch(o -> o.kind() == Kind.TABLE);
        if (wholeFile) {
            // Nothing of the file is there and it makes tables: re-running the file is simpler and surer than
            // re-creating each object, and leaves the record as the runner would have written it.
            mine.replaceAll(f -> new ReplayFinding(f.migration(), f.kind(), f.severity(), f.sentence(), f.objectKey(),
                    f.targetDefinition(), f.replayDefinition(), List.of()));
            ReplayFinding first = mine.get(0);
            mine.set(0, new ReplayFinding(first.migration(), first.kind(), first.severity(), first.sentence(),
                    first.objectKey(), null, first.replayDefinition(),
                    List.of(RepairSteps.rerunFile(name, selfRecording.contains(name)))));
        }
        findings.addAll(mine);
        Verdict verdict;
        String sentence;
        if (file.failure() != null) {
            verdict = Verdict.NOT_REPLAYED;
            sentence = name + " fails on a fresh replay (" + file.failure() + "): its effects cannot be known.";
        } else if (!missing.isEmpty()) {
            verdict = Verdict.FALSE_COMPLETE;
            sentence = name + " is recorded, but " + missing.size() + " of its " + owned.size()
                    + " effects are missing: " + String.join(", ", missing) + ".";
        } else if (!drifted.isEmpty()) {
            verdict = Verdict.DRIFTED;
            sentence = name + "'s effects are present, but " + String.join(", ", drifted) + " differ.";
        } else {
            verdict = Verdict.EFFECTS_PRESENT;
            sentence = !owned.isEmpty() ? "All " + owned.size() + " effects of " + name + " are present."
                    : file.made().isEmpty() && file.removed().isEmpty() ? name + " changes data only: no schema effects."
                    : name + "'s schema changes were all changed again by later recorded files, whose verdicts cover them.";
        }
        verdicts.add(new FileVerdict(name, verdict, owned.size(), missing, drifted, sentence));
    }

    private ReplayFinding missingFinding(String name, CatalogObject replay) {
        CatalogObject invalid = target.invalidIndexes().get(replay.key());
        boolean tableMissing = replay.table() != null && replay.kind() != Kind.INDEX
                ? target.get(replay.table().startsWith("table ") ? replay.table() : "table " + replay.table()) == null
                        && !replay.table().startsWith("domain ")
                : replay.kind() == Kind.INDEX && target.get("table " + replay.table()) == null;
        String sentence = invalid != null
                ? name + " is recorded, but " + replay.key() + " is INVALID (left by a failed CREATE INDEX "
                        + "CONCURRENTLY): PostgreSQL never uses it, so it counts as missing."
                : name + " is recorded, but " + replay.key() + " is missing (FALSE COMPLETE).";
        // A column or index of a missing table comes back with the table (columns) or after it (indexes).
        List<RepairStep> repair = tableMissing && replay.kind() == Kind.COLUMN ? List.of()
                : RepairSteps.missing(name, replay, target, invalid != null);
        return new ReplayFinding(name, ReplayFindingKind.FALSE_COMPLETE, Severity.ERROR, sentence, replay.key(),
                invalid == null ? null : "INVALID: " + invalid.definition(), replay.definition(), repair);
    }

    private void unrecorded(FileRun file, Map<String, String> owner) {
        String name = file.script().name();
        List<String> owned = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (Map.Entry<String, String> e : owner.entrySet()) {
            if (e.getValue().equals(name)) {
                owned.add(e.getKey());
                if (run.matches(run.afterAll().get(e.getKey()), target.get(e.getKey()))) {
                    present.add(e.getKey());
                }
            }
        }
        present.sort(null);
        owned.sort(null);
        if (present.isEmpty()) {
            return; // not applied: a pending migration, which the runner will apply; nothing is wrong
        }
        boolean all = present.size() == owned.size();
        List<RepairStep> repair = history == ReplayHistory.REDFLAG && all ? List.of(RepairSteps.recordFile(name)) : List.of();
        findings.add(new ReplayFinding(name, ReplayFindingKind.UNRECORDED_EFFECTS, Severity.WARNING, name
                + " is not recorded, but " + (all ? "all " : present.size() + " of the " + owned.size() + " ")
                + "objects only it makes are in the database: " + String.join(", ", present) + ".",
                null, String.join("\n", present), String.join("\n", owned), repair));
    }

    private void handDrift() {
        Set<String> handTables = new HashSet<>();
        for (CatalogObject found : target.objects().values()) {
            if (!madeByScripts(found.key()) && found.kind() == Kind.TABLE) {
                handTables.add(found.name());
            }
        }
        for (CatalogObject found : target.objects().values()) {
            if (madeByScripts(found.key())) {
                continue;
            }
            String table = found.table() == null ? null : found.table().replaceFirst("^table ", "");
            if (found.kind() != Kind.TABLE && table != null && handTables.contains(table)) {
                continue; // reported with its table
            }
            findings.add(new ReplayFinding("-", ReplayFindingKind.HAND_DRIFT, Severity.NOTE, found.key()
                    + " is in the database, but no script makes it (made by hand, or by a script not given).",
                    found.key(), found.definition(), null, List.of()));
        }
    }

    private boolean madeByScripts(String key) {
        return run.afterAll().get(key) != null || run.afterRecorded().get(key) != null;
    }
}
