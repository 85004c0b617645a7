package org.redflag.console.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.migration.ValidationProblem;
import picocli.CommandLine.Command;

/**
 * {@code migrations validate}: Flyway's history against this build's scripts, each problem in words.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare Flyway's history with this build's scripts; list each problem in words; exit 1 if any.")
final class ValidateCommand extends MigrationsCommand.Subcommand {

    ValidateCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    int run(ConsoleContext context, PrintWriter out) {
        List<ValidationProblem> problems = context.migrations().validate();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("database", context.database().describe());
            report.put("valid", problems.isEmpty());
            report.put("problems", problems.stream().map(p -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("migration", p.migration());
                row.put("kind", p.kind());
                row.put("sentence", p.sentence());
                return row;
            }).toList());
            out.print(Json.write(report));
            return exitCode(problems.isEmpty());
        }
        out.printf("Database  %s%n", context.database().describe());
        if (problems.isEmpty()) {
            out.println("Valid: Flyway's history matches this build's migration scripts.");
        } else {
            out.printf("%d validation problem%s:%n", problems.size(), problems.size() == 1 ? "" : "s");
            problems.forEach(p -> Wrapping.print(out, "- ", p.sentence()));
        }
        return exitCode(problems.isEmpty());
    }
}
