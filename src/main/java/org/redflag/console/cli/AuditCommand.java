package org.redflag.console.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.migration.AuditReport;
import org.redflag.console.migration.Finding;
import org.redflag.console.migration.LegacyVerdict;
import org.redflag.console.migration.ReplayReport;
import org.redflag.console.migration.ReplaySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrations audit}: the read-only legacy audit, RedFlag's claims against what the database holds.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Claims versus reality, read-only. The truth by replay: the recorded migrations' own scripts are "
                + "replayed, in the recorded order, into a throwaway database, and the two catalogs compared object by "
                + "object (per file: effects present / FALSE COMPLETE / drifted; unrecorded effects; hand drift; what "
                + "the runner would hit). The console's own schema is replayed from the scripts it ships; a RedFlag "
                + "database from --migrations-dir.",
            "Without scripts for a RedFlag database, the fallback is the console's hand catalog of 015-023a, and "
                + "the report says so. Never writes. Exit 1 on errors or warnings."})
final class AuditCommand extends MigrationsCommand.Subcommand {

    @Option(names = "--migrations-dir", paramLabel = "DIR",
            description = "RedFlag's migration files (*.up.sql): replayed for the truth about a RedFlag database.")
    Path migrationsDir;

    AuditCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    Optional<String> inputProblem() {
        if (migrationsDir != null && !Files.isDirectory(migrationsDir)) {
            return Optional.of("--migrations-dir " + migrationsDir + " is not a folder. Give the folder that holds "
                    + "RedFlag's *.up.sql files.");
        }
        return Optional.empty();
    }

    @Override
    int run(ConsoleContext context, PrintWriter out) throws SQLException, IOException {
        Optional<ReplaySource> scripts = context.replaySource(Optional.ofNullable(migrationsDir));
        if (scripts.isPresent()) {
            ReplayReport replayed = context.replayAudit().audit(context.database().dataSource(), scripts.get());
            String database = context.database().describe();
            if (json) {
                out.print(Json.write(ReplayReports.toJson(database, replayed)));
            } else {
                ReplayReports.printText(database, replayed, out);
            }
            // Hazards are true of the script files (a file that cannot run twice), not of the database: they inform.
            return exitCode(replayed.clean());
        }
        AuditReport report = context.legacyAudit().run(Optional.ofNullable(migrationsDir));
        if (json) {
            out.print(Json.write(toJson(context, report)));
        } else {
            printText(context, report, out);
        }
        return exitCode(report.clean());
    }

    private static Map<String, Object> toJson(ConsoleContext context, AuditReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", context.database().describe());
        json.put("method", "hand catalog");
        json.put("legacyHistory", report.legacyRecords().isPresent());
        json.put("recorded", report.legacyRecords().orElse(null));
        json.put("verdicts", report.verdicts().stream().map(v -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", v.version());
            row.put("files", v.files());
            row.put("verdict", v.verdict());
            return row;
        }).toList());
        json.put("flywayHistory", report.flywayHistory());
        json.put("flywayObjectsChecked", report.flywayChecked());
        json.put("scriptsFolder", report.scriptsFolder().map(Path::toString).orElse(null));
        json.put("scriptsRead", report.scriptsRead());
        json.put("clean", report.clean());
        json.put("summary", report.summary());
        List<Object> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("migration", f.migration());
            row.put("kind", f.kind().name());
            row.put("severity", f.severity().name());
            row.put("sentence", f.sentence());
            findings.add(row);
        }
        json.put("findings", findings);
        return json;
    }

    private static void printText(ConsoleContext context, AuditReport report, PrintWriter out) {
        out.printf("Audit of %s (read-only)%n", context.database().describe());
        out.println(report.scope());
        if (context.capabilities().isRedFlag()) {
            out.println("No scripts given: checked against the console's hand catalog of RedFlag 015-023a only. Give "
                    + "--migrations-dir (RedFlag's migrations folder) for the truth by replay of every recorded file.");
        }
        if (!report.verdicts().isEmpty()) {
            out.println();
            out.println("RedFlag migrations (schema_migrations against the catalog of expected effects)");
            TextTable table = new TextTable("Version", "Recorded as", "Verdict");
            for (LegacyVerdict v : report.verdicts()) {
                table.row(v.version(), v.files().isEmpty() ? "(not recorded)" : String.join(", ", v.files()), v.verdict());
            }
            table.print(out);
        }
        out.println();
        out.println("Findings: " + report.summary());
        for (Finding f : report.findings()) {
            out.printf("%-8s %-5s %s%n", f.severity().name(), f.migration(), f.kind().label());
            Wrapping.print(out, "         ", f.sentence());
        }
    }
}
