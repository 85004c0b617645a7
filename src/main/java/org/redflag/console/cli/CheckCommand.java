package org.redflag.console.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.app.Passwords;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.ConnectionSecurity;
import org.redflag.console.migration.MigrationOverview;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.DatabaseRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code check}: can the console open its database? Prints the server version, schema version and agent
 * count. It never changes a database given with --db-url; the embedded one is prepared as the GUI would.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Connect (or start the embedded database), print the server version, schema version and "
                + "agent count, and exit 0; exit 2 with a message when that is not possible.")
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--json", description = "Print the facts as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public CheckCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var refused = database.problem(env);
        if (refused.isPresent()) {
            return CliErrors.print(spec, refused.get());
        }
        ConsoleSettings settings = database.toSettings(env).inspecting();
        try (ConsoleContext context = ConsoleContext.open(settings, Passwords.fromEnvironment(env), clock)) {
            Capabilities capabilities = context.capabilities();
            MigrationOverview migrations = context.migrations().overview();
            String schema = switch (capabilities.kind()) {
                case CONSOLE -> "console schema: " + migrations.summary();
                case EMPTY -> "empty database: the console's schema is not created (" + migrations.summary() + ")";
                default -> capabilities.describe();
            };
            Long agents = agentCount(context, capabilities, migrations);
            String server = context.database().serverVersion();
            if (json) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("connected_to", context.database().describe());
                facts.put("server_version", server);
                facts.put("encryption", encryption(context.database().security()));
                facts.put("schema_kind", capabilities.kind().name().toLowerCase(Locale.ROOT));
                facts.put("schema", schema);
                facts.put("recorded_up_to", capabilities.recordedUpTo().orElse(null));
                facts.put("recorded_files", capabilities.recordedFiles());
                facts.put("capabilities", capabilities.features().stream().sorted()
                        .map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
                facts.put("notes", capabilities.notes());
                facts.put("scanning", context.scans().scanningOff().isEmpty());
                facts.put("role", role(capabilities.role()));
                facts.put("agents", agents);
                out.print(Json.write(facts));
            } else {
                out.printf("Connected to  %s%n", context.database().describe());
                out.printf("Server        PostgreSQL %s%n", server);
                out.printf("Encryption    %s%n", context.database().security().describe());
                out.printf("Role          %s%n", capabilities.role().explanation());
                out.printf("Schema        %s%s%n", schema, agents == null ? "" : " · " + agents + (agents == 1 ? " agent" : " agents"));
                if (!capabilities.features().isEmpty() && !capabilities.isConsole()) {
                    out.printf("Capabilities  %s%n", String.join(", ", capabilities.featureLabels()));
                }
                for (String note : capabilities.notes()) {
                    out.printf("Note          %s%n", note);
                }
                context.scans().scanningOff().ifPresent(off -> out.printf("Scanning      off: %s%n", off));
                out.printf("Agents        %s%n", agents == null ? "unknown: the console's views do not read this schema yet" : agents);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (ConnectionProblem problem) {
            return CliErrors.print(spec, problem.getMessage());
        } catch (SQLException | RuntimeException e) {
            return CliErrors.print(spec, "Connected, but a query failed: " + e.getMessage());
        }
    }

    private static Map<String, Object> encryption(ConnectionSecurity security) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("encrypted", security.known() ? security.encrypted() : null);
        facts.put("protocol", security.protocol());
        facts.put("cipher", security.cipher());
        facts.put("sslmode", security.sslMode());
        facts.put("summary", security.describe());
        return facts;
    }

    private static Map<String, Object> role(DatabaseRole role) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("user", role.user());
        facts.put("console_groups", role.consoleGroups());
        // What this connection may do: a read-only profile holds back what the catalog grants.
        facts.put("may_queue_commands", role.may(DatabaseRole.Action.QUEUE));
        facts.put("may_change_commands", role.may(DatabaseRole.Action.CANCEL));
        facts.put("may_migrate", role.may(DatabaseRole.Action.MIGRATE));
        role.readOnlyProfile().ifPresent(name -> facts.put("read_only_profile", name));
        return facts;
    }

    /** The agent count where the console can read agents; null where it cannot (an unmigrated or unknown schema). */
    private static Long agentCount(ConsoleContext context, Capabilities capabilities, MigrationOverview migrations)
            throws SQLException {
        boolean readable = capabilities.isRedFlag() || capabilities.isConsole() && migrations.currentVersion().isPresent();
        return readable ? context.agents().count() : null;
    }
}
