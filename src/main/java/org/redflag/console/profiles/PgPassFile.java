package org.redflag.console.profiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * The password file libpq and pgjdbc both read (~/.pgpass, or PGPASSFILE), so a profile's password is kept where
 * every PostgreSQL tool finds it and the console's own files never hold one. libpq ignores the file unless only
 * its owner may read it, hence 0600.
 */
public final class PgPassFile {

    private final Path file;

    public PgPassFile(Path file) {
        this.file = file;
    }

    /** PGPASSFILE when set, else .pgpass in the home folder. */
    public static PgPassFile of(Map<String, String> env) {
        String given = env.get("PGPASSFILE");
        if (given != null && !given.isBlank()) {
            return new PgPassFile(Path.of(given));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new PgPassFile(Path.of(home, ".pgpass"));
    }

    public Path file() {
        return file;
    }

    /**
     * Writes the profile's line (host:port:database:user:password), replacing a line for the same host, port,
     * database and user; every other line stays as it was.
     *
     * @return whether a line was replaced rather than added
     */
    public boolean store(ConnectionProfile profile, String loginName, char[] password) throws ProfileProblem {
        Properties url = Driver.parseURL(profile.jdbcUrl(), null);
        String host = url.getProperty("PGHOST", "localhost");
        if (host.contains(",")) {
            throw new ProfileProblem("Profile " + profile.name() + " names several hosts (" + host + "); add a "
                    + "line to " + file + " for each of them by hand.", null);
        }
        String user = profile.user() != null ? profile.user() : url.getProperty("user", loginName);
        List<String> key = List.of(host, url.getProperty("PGPORT", "5432"), url.getProperty("PGDBNAME", ""), user);
        String line = String.join(":", key.stream().map(PgPassFile::escape).toList()) + ":"
                + escape(new String(password));
        List<String> lines = new ArrayList<>();
        boolean replaced = false;
        try {
            if (Files.exists(file)) {
                for (String existing : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!replaced && sameKey(existing, key)) {
                        lines.add(line);
                        replaced = true;
                    } else {
                        lines.add(existing);
                    }
                }
            }
            if (!replaced) {
                lines.add(line);
            }
            write(String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new ProfileProblem("The password file " + file + " cannot be updated (" + e.getMessage()
                    + "); check that its folder is writable.", e);
        }
        return replaced;
    }

    /** The line's first four fields, unescaped, are exactly this host, port, database and user. */
    private static boolean sameKey(String line, List<String> key) {
        if (line.isBlank() || line.startsWith("#")) {
            return false;
        }
        List<String> fields = fields(line);
        return fields.size() == 5 && fields.subList(0, 4).equals(key);
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** Beside the old file and renamed over it, made 0600 before the password is in it. */
    private void write(String text) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temporary = posix
                ? Files.createTempFile(folder, ".pgpass-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, ".pgpass-", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
