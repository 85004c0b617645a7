package org.redflag.console.ui;

import java.util.List;
import java.util.stream.Collectors;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.migration.ValidationProblem;

/**
 * Flyway's full validation of a schema the start found up to date by reading its record (ConsoleContext's
 * {@code schemaCheckedWithoutFlyway}): it runs once the first view shows its rows, as long work. Whatever it finds
 * goes through the error door (a history row and a notification whose Details open it) and into the status bar's
 * schema line; the Migrations view and {@code migrations status|validate} tell the same as ever, from Flyway.
 */
final class FlywayValidation {

    private FlywayValidation() {
    }

    /** @param found run when there are problems (the status bar reads the schema's line again) */
    static void run(ConsoleContext opened, BackgroundExecutor executor, ErrorReporter door, Runnable found) {
        executor.submitLong(() -> opened.migrations().validate(), problems -> {
            if (!problems.isEmpty()) {
                door.report(ConsoleArea.MIGRATIONS, sentence(problems), null, null);
                found.run();
            }
        }, failure -> door.report(ConsoleArea.MIGRATIONS, failure));
    }

    static String sentence(List<ValidationProblem> problems) {
        return "Flyway's validation of the database's schema found what the start-up's check of its record did not: "
                + problems.stream().map(ValidationProblem::sentence).collect(Collectors.joining(" "))
                + " See the Migrations view for details.";
    }
}
