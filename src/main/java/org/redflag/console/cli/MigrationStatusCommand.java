package org.redflag.console.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.migration.InvalidIndex;
import org.redflag.console.migration.MigrationOverview;
import org.redflag.console.migration.MigrationStatus;
import picocli.CommandLine.Command;

/**
 * {@code migrations status}: every migration Flyway knows, with its state, as a table or JSON.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Every migration Flyway knows for the database, with its state; exit 1 if any is failed, "
                + "pending or edited after it was applied, or an interrupted CREATE INDEX CONCURRENTLY left an "
                + "INVALID index.")
final class MigrationStatusCommand extends MigrationsCommand.Subcommand {

    MigrationStatusCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    int run(ConsoleContext context, PrintWriter out) {
        MigrationOverview overview = context.migrations().overview();
        List<InvalidIndex> invalid = context.migrations().invalidIndexes(overview);
        boolean clean = overview.clean() && invalid.isEmpty();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("database", context.database().describe());
            report.put("summary", overview.summary());
            report.put("schemaVersion", overview.currentVersion().orElse(null));
            report.put("pending", overview.pendingCount());
            report.put("failed", overview.failedCount());
            report.put("checksumMismatches", overview.checksumMismatchCount());
            report.put("clean", clean);
            report.put("migrations", overview.migrations().stream().map(MigrationStatusCommand::toJson).toList());
            report.put("invalidIndexes", invalid.stream().map(MigrationStatusCommand::toJson).toList());
            out.print(Json.write(report));
            return exitCode(clean);
        }
        out.printf("Database  %s%n", context.database().describe());
        out.printf("Schema    %s%n%n", overview.summary());
        TextTable table = new TextTable("Version", "Description", "Type", "State", "Installed on", "Installed by",
                "Time", "Checksum");
        for (MigrationStatus m : overview.migrations()) {
            table.row(m.version() == null ? "-" : m.version(), m.description(), m.type(),
                    m.state() + (m.failed() ? " !" : ""), m.installedOn() == null ? "" : m.installedOn().toString(),
                    m.installedBy(), m.executionMillis() == null ? "" : m.executionMillis() + " ms",
                    checksumText(m.checksumMatches()));
        }
        table.print(out);
        if (!invalid.isEmpty()) {
            out.println();
            for (InvalidIndex index : invalid) {
                Wrapping.print(out, "Problem   ", index.sentence());
            }
        }
        return exitCode(clean);
    }

    private static Map<String, Object> toJson(MigrationStatus m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("version", m.version());
        row.put("description", m.description());
        row.put("type", m.type());
        row.put("script", m.script());
        row.put("state", m.state());
        row.put("applied", m.applied());
        row.put("failed", m.failed());
        row.put("resolved", m.resolved());
        row.put("pending", m.pending());
        row.put("installedOn", m.installedOn());
        row.put("installedBy", m.installedBy());
        row.put("executionMillis", m.executionMillis());
        row.put("checksum", m.checksum());
        row.put("checksumMatches", m.checksumMatches());
        return row;
    }

    private static Map<String, Object> toJson(InvalidIndex index) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("index", index.name());
        row.put("table", index.table());
        row.put("definition", index.definition());
        row.put("migration", index.migration());
        row.put("message", index.sentence());
        return row;
    }

    private static String checksumText(Boolean matches) {
        return matches == null ? "-" : matches ? "matches" : "MISMATCH";
    }
}
