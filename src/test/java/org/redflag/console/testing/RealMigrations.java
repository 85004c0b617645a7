package org.redflag.console.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migration scripts this build ships, read from their file names (not through Flyway or the console),
 * so tests state exact expectations that stay true as migrations are added.
 */
public final class RealMigrations {

    /** Flyway's naming: V + version (parts split by . or _) + __ + description (words split by _) + .sql */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    /** One script: its version as Flyway prints it ("1", "2.1") and its description in words. */
    public record Script(String version, String description) {

        /** How the console names a migration: {@code V2 (one active scan per agent and type)}. */
        public String label() {
            return "V" + version + " (" + description + ")";
        }

        private long[] parts() {
            return Arrays.stream(version.split("\\.")).mapToLong(Long::parseLong).toArray();
        }
    }

    private static final List<Script> ALL = read();

    private RealMigrations() {
    }

    /** Every script, oldest first. */
    public static List<Script> all() {
        return ALL;
    }

    public static int count() {
        return ALL.size();
    }

    public static Script newest() {
        return ALL.get(ALL.size() - 1);
    }

    /** The scripts after {@code version}, oldest first: what is pending on a schema at that version. */
    public static List<Script> after(String version) {
        int index = indexOf(version);
        return ALL.subList(index + 1, ALL.size());
    }

    /** The script with this version; fails when the build has none, so a test cannot name a missing one. */
    public static Script version(String version) {
        return ALL.get(indexOf(version));
    }

    /** The labels of {@code scripts} as the console lists them: "V1 (…), V2 (…)". */
    public static String labels(List<Script> scripts) {
        return String.join(", ", scripts.stream().map(Script::label).toList());
    }

    private static int indexOf(String version) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).version().equals(version)) {
                return i;
            }
        }
        throw new IllegalArgumentException("This build has no migration V" + version + ": " + labels(ALL));
    }

    private static List<Script> read() {
        URL folder = RealMigrations.class.getClassLoader().getResource("db/migration");
        if (folder == null) {
            throw new IllegalStateException("db/migration is not on the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            List<Script> scripts = files.map(f -> f.getFileName().toString())
                    .map(VERSIONED::matcher)
                    .filter(Matcher::matches)
                    .map(m -> new Script(m.group(1).replace('_', '.'), m.group(2).replace('_', ' ')))
                    .sorted(Comparator.comparing(Script::parts, Arrays::compare))
                    .toList();
            if (scripts.isEmpty()) {
                throw new IllegalStateException("No migration scripts in " + folder);
            }
            return scripts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
