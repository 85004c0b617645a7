package org.redflag.console.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redflag.console.migration.FileVerdict;
import org.redflag.console.migration.RepairPlan;
import org.redflag.console.migration.RepairStep;
import org.redflag.console.migration.ReplayFinding;
import org.redflag.console.migration.ReplayReport;
import org.redflag.console.migration.Severity;

/** A replay audit for people (text) and for scripts (JSON); shared by {@code audit} and {@code repair}. */
final class ReplayReports {

    private ReplayReports() {
    }

    static void printText(String database, ReplayReport report, PrintWriter out) {
        out.printf("Audit of %s (read-only; the scripts replayed into a throwaway database, removed afterwards)%n", database);
        out.printf("Replayed %d %s on %s in %.1f s; the audited database runs %s%n", report.verdicts().size(),
                report.source().history().name().equals("CONSOLE") ? "of the console's own Flyway scripts"
                        : "recorded RedFlag files", shortVersion(report.replayServerVersion()),
                report.replayMillis() / 1000.0, shortVersion(report.targetServerVersion()));
        if (!report.verdicts().isEmpty()) {
            out.println();
            out.println("Recorded migrations, in the recorded order, against what their own scripts make");
            TextTable table = new TextTable("Migration", "Verdict", "Objects");
            for (FileVerdict v : report.verdicts()) {
                table.row(v.migration(), v.verdict().label(), String.valueOf(v.effects()));
            }
            table.print(out);
        }
        out.println();
        out.println("Findings: " + summary(report));
        for (ReplayFinding f : report.findings()) {
            out.printf("%-8s %-5s %s%n", f.severity().name(), f.migration(), f.kind().label());
            Wrapping.print(out, "         ", f.sentence());
            if (f.targetDefinition() != null || f.replayDefinition() != null) {
                Wrapping.print(out, "         in the database:        ", orElse(f.targetDefinition(), "(missing)"));
                Wrapping.print(out, "         as the scripts make it: ", orElse(f.replayDefinition(), "(no script makes it)"));
            }
        }
        out.println();
        RepairPlan plan = org.redflag.console.migration.Repairs.plan(report);
        out.println(plan.isEmpty() ? "Repair plan: nothing to repair."
                : "Repair plan: " + org.redflag.console.migration.MigrationService.plural(plan.steps().size(), "step")
                        + ". `migrations repair --plan` prints it; `migrations repair --apply` runs it.");
    }

    static Map<String, Object> toJson(String database, ReplayReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", database);
        json.put("method", "replay");
        json.put("history", report.source().history().name().toLowerCase(Locale.ROOT));
        json.put("replayServer", report.replayServerVersion());
        json.put("targetServer", report.targetServerVersion());
        json.put("replayMillis", report.replayMillis());
        json.put("verdicts", report.verdicts().stream().map(v -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("migration", v.migration());
            row.put("verdict", v.verdict().name());
            row.put("objects", v.effects());
            row.put("missing", v.missing());
            row.put("drifted", v.drifted());
            row.put("sentence", v.sentence());
            return row;
        }).toList());
        List<Object> findings = new ArrayList<>();
        for (ReplayFinding f : report.findings()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("migration", f.migration());
            row.put("kind", f.kind().name());
            row.put("severity", f.severity().name());
            row.put("object", f.objectKey());
            row.put("sentence", f.sentence());
            row.put("inDatabase", f.targetDefinition());
            row.put("fromScripts", f.replayDefinition());
            row.put("repair", f.repair().stream().map(ReplayReports::step).toList());
            findings.add(row);
        }
        json.put("findings", findings);
        json.put("clean", report.clean());
        json.put("summary", summary(report));
        return json;
    }

    static Map<String, Object> step(RepairStep step) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("migration", step.migration());
        row.put("object", step.objectKey());
        row.put("sql", step.sql());
        row.put("outsideTransaction", step.outsideTransaction());
        row.put("sentence", step.sentence());
        return row;
    }

    /** "2 findings: 1 error, 1 warning, 0 notes" or "no findings", as the hand-catalog audit says it. */
    static String summary(ReplayReport report) {
        if (report.findings().isEmpty()) {
            return "no findings";
        }
        return org.redflag.console.migration.MigrationService.plural(report.findings().size(), "finding") + ": "
                + org.redflag.console.migration.MigrationService.plural(count(report, Severity.ERROR), "error") + ", "
                + org.redflag.console.migration.MigrationService.plural(count(report, Severity.WARNING), "warning") + ", "
                + org.redflag.console.migration.MigrationService.plural(count(report, Severity.NOTE), "note");
    }

    private static int count(ReplayReport report, Severity severity) {
        return (int) report.findings().stream().filter(f -> f.severity() == severity).count();
    }

    /** "PostgreSQL 17.5 on x86_64-pc-linux-gnu, compiled by …" → "PostgreSQL 17.5". */
    private static String shortVersion(String version) {
        if (version == null) {
            return "PostgreSQL";
        }
        String[] words = version.split(" ");
        return words.length >= 2 ? words[0] + " " + words[1].replace(",", "") : version;
    }

    private static String orElse(String text, String otherwise) {
        return text == null ? otherwise : text;
    }
}
