package org.redflag.console.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where the console keeps its files when the user does not say: the platform's per-user data folder. */
public final class DataFolders {

    private DataFolders() {
    }

    public static Path defaultDataDirectory(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local")).resolve("redflag-console");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("redflag-console");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share"))
                .resolve("redflag-console");
    }

    /** The embedded PostgreSQL cluster inside a data directory. */
    public static Path postgresData(Path dataDirectory) {
        return dataDirectory.resolve("pgdata");
    }

    public static Path logs(Path dataDirectory) {
        return dataDirectory.resolve("logs");
    }
}
