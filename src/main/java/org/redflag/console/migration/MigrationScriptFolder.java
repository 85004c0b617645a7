package org.redflag.console.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** RedFlag's migration files as given with --migrations-dir: the *.sql files directly in that folder. */
public final class MigrationScriptFolder {

    private static final Pattern INSERT_INTO_HISTORY = Pattern.compile(
            "\\binsert\\s+into\\s+(?:(?:\"[^\"]+\"|\\w+)\\s*\\.\\s*)?\"?schema_migrations\"?(?![\\w$])",
            Pattern.CASE_INSENSITIVE);

    /** One file and its text. */
    public record ScriptFile(String name, String text) {

        /** A down script undoes a migration; only up scripts count as versions. */
        public boolean isUp() {
            return !name.toLowerCase(Locale.ROOT).endsWith(".down.sql");
        }

        /** The line of the first statement that writes the runner's own record, if the file has one. */
        public Optional<Integer> lineInsertingIntoHistory() {
            Matcher matcher = INSERT_INTO_HISTORY.matcher(ScriptEffects.withoutComments(text));
            if (!matcher.find()) {
                return Optional.empty();
            }
            return Optional.of((int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1);
        }
    }

    private MigrationScriptFolder() {
    }

    /** @throws IOException when the folder cannot be listed or a file cannot be read */
    public static List<ScriptFile> read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> scripts = files
                    .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
            List<ScriptFile> read = new java.util.ArrayList<>(scripts.size());
            for (Path script : scripts) {
                read.add(new ScriptFile(script.getFileName().toString(), Files.readString(script, StandardCharsets.UTF_8)));
            }
            return read;
        }
    }
}
