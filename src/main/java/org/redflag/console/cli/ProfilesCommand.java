package org.redflag.console.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.db.JdbcUrls;
import org.redflag.console.profiles.ConnectionProfile;
import org.redflag.console.profiles.PgPassFile;
import org.redflag.console.profiles.ProfileProblem;
import org.redflag.console.profiles.ProfileStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code profiles}: the saved connection profiles of the data folder, and their passwords put where pgjdbc and
 * psql look for them. Needs no database: it only reads and writes files.
 */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "Saved connection profiles (DATA-DIR/profiles.json): list, add, remove, and pgpass, which "
                + "stores a profile's password in ~/.pgpass (PGPASSFILE); profiles never hold passwords.",
        footer = {"", "Exit codes: 0 ok, 2 cannot run (bad input, unknown profile, unreadable file)."})
public final class ProfilesCommand implements Callable<Integer> {

    private final Map<String, String> env;
    private final InputStream in;

    @Spec
    CommandSpec spec;

    public ProfilesCommand(Map<String, String> env, InputStream in) {
        this.env = env;
        this.in = in;
    }

    /** Without a subcommand, the list. */
    @Override
    public Integer call() {
        return list(false, null);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The saved profiles.")
    int list(@Option(names = "--json", description = "Print JSON instead of a table.") boolean json,
            @Option(names = "--data-dir", paramLabel = "DIR", description = "The data folder (env REDFLAG_DATA_DIR).")
            Path dataDir) {
        ProfileStore store = store(dataDir);
        try {
            List<ConnectionProfile> profiles = store.list();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("file", store.file().toString());
                report.put("profiles", profiles.stream().map(ProfilesCommand::toJson).toList());
                out.print(Json.write(report));
            } else if (profiles.isEmpty()) {
                out.println("No profiles in " + store.file() + "; add one with: profiles add NAME --db-url URL");
            } else {
                TextTable table = new TextTable("NAME", "DATABASE", "USER", "ACCESS", "COLOUR", "SERVER");
                profiles.forEach(p -> table.row(p.name(), JdbcUrls.hostAndDatabase(p.jdbcUrl()), orDash(p.user()),
                        p.readOnly() ? "read-only" : "read-write", orDash(p.colour()), orDash(p.serverUrl())));
                table.print(out);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (ProfileProblem problem) {
            return CliErrors.print(spec, problem.getMessage());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Save a profile, or replace the one of that name. No password: see profiles pgpass.")
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--db-url", required = true, paramLabel = "URL") String url,
            @Option(names = "--db-user", paramLabel = "USER") String user,
            @Option(names = "--colour", paramLabel = "#RRGGBB",
                    description = "The window's bar wears it, e.g. #c62828 for production.") String colour,
            @Option(names = "--read-only", description = "Refuse everything that writes on this connection.")
            boolean readOnly,
            @Option(names = "--server-url", paramLabel = "URL") String serverUrl,
            @Option(names = "--db-sslmode", paramLabel = "MODE") String sslMode,
            @Option(names = "--db-sslrootcert", paramLabel = "FILE") String sslRootCert,
            @Option(names = "--data-dir", paramLabel = "DIR") Path dataDir) {
        Optional<String> problem = ConnectionProfile.problem(name, url, colour, sslMode)
                .or(() -> serverUrl == null ? Optional.empty()
                        : org.redflag.console.server.ServerConnection.urlProblem(serverUrl, "--server-url"));
        if (problem.isPresent()) {
            return CliErrors.print(spec, problem.get());
        }
        ConnectionProfile profile = new ConnectionProfile(name, url, user, colour, readOnly, serverUrl, sslMode,
                sslRootCert);
        ProfileStore store = store(dataDir);
        try {
            boolean replacing = store.find(profile.name()).isPresent();
            store.save(profile);
            spec.commandLine().getOut().println((replacing ? "replaced" : "added") + ": profile " + profile.name()
                    + " (" + JdbcUrls.hostAndDatabase(profile.jdbcUrl()) + (profile.readOnly() ? ", read-only" : "")
                    + ") in " + store.file());
            return ExitCodes.OK;
        } catch (ProfileProblem failed) {
            return CliErrors.print(spec, failed.getMessage());
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Forget a profile (~/.pgpass is left as it is).")
    int remove(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--data-dir", paramLabel = "DIR") Path dataDir) {
        ProfileStore store = store(dataDir);
        try {
            if (!store.remove(name)) {
                return CliErrors.print(spec, store.unknown(name));
            }
            spec.commandLine().getOut().println("removed: profile " + name);
            return ExitCodes.OK;
        } catch (ProfileProblem failed) {
            return CliErrors.print(spec, failed.getMessage());
        }
    }

    @Command(name = "pgpass", mixinStandardHelpOptions = true,
            description = "Read the profile's password (typed, or one line on stdin) and write its line in "
                    + "~/.pgpass (PGPASSFILE), readable by you alone (0600).")
    int pgpass(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--data-dir", paramLabel = "DIR") Path dataDir) {
        ProfileStore store = store(dataDir);
        char[] password = null;
        try {
            Optional<ConnectionProfile> profile = store.find(name);
            if (profile.isEmpty()) {
                return CliErrors.print(spec, store.unknown(name));
            }
            password = readPassword(profile.get());
            if (password == null || password.length == 0) {
                return CliErrors.print(spec, "No password was given on stdin or typed; nothing was written.");
            }
            PgPassFile file = PgPassFile.of(env);
            boolean replaced = file.store(profile.get(), env.getOrDefault("USER", System.getProperty("user.name")),
                    password);
            spec.commandLine().getOut().println((replaced ? "updated" : "added") + ": the line for profile " + name
                    + " in " + file.file());
            return ExitCodes.OK;
        } catch (ProfileProblem failed) {
            return CliErrors.print(spec, failed.getMessage());
        } catch (IOException e) {
            return CliErrors.print(spec, "The password could not be read from stdin (" + e.getMessage() + ").");
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** Typed without echo at a terminal; a script pipes one line in. */
    private char[] readPassword(ConnectionProfile profile) throws IOException {
        Console console = System.console();
        if (console != null && in == System.in) {
            return console.readPassword("Password for profile %s: ", profile.name());
        }
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }

    private ProfileStore store(Path dataDir) {
        DatabaseOptions options = new DatabaseOptions();
        if (dataDir != null) {
            options.useDataDirectory(dataDir);
        }
        return new ProfileStore(options.dataDirectory(env));
    }

    private static Map<String, Object> toJson(ConnectionProfile p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", p.name());
        json.put("db_url", p.jdbcUrl());
        json.put("db_user", p.user());
        json.put("colour", p.colour());
        json.put("read_only", p.readOnly());
        json.put("server_url", p.serverUrl());
        json.put("db_sslmode", p.sslMode());
        json.put("db_sslrootcert", p.sslRootCert());
        return json;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
