package org.redflag.console.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redflag.console.shapes.MigrationScript;
import org.redflag.console.shapes.MigrationScripts;

/**
 * The scripts a replay audit replays and whose history they belong to. The recorded order is not here: it
 * is read from the target database at audit time, so a re-audit after a repair sees the new record.
 */
public record ReplaySource(ReplayHistory history, List<ReplayScript> scripts) {

    private static final Pattern FLYWAY_VERSIONED = Pattern.compile("^V([0-9][0-9._]*)__.+\\.sql$");
    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^\\s*executeInTransaction\\s*=\\s*false\\s*$");

    public ReplaySource {
        Objects.requireNonNull(history, "history");
        scripts = List.copyOf(scripts);
    }

    /** RedFlag's files: only *.up.sql count, as RedFlag's runner reads its folder; each runs in a transaction. */
    public static ReplaySource redFlag(List<MigrationScript> files) {
        return new ReplaySource(ReplayHistory.REDFLAG, files.stream().filter(MigrationScript::isUp)
                .map(f -> new ReplayScript(f.name(), f.name(), f.sql(), true)).toList());
    }

    /** A --migrations-dir folder of RedFlag files. */
    public static ReplaySource redFlagFolder(Path folder) {
        return redFlag(MigrationScripts.folder(folder));
    }

    /** The console's own Flyway scripts as shipped (classpath:db/migration). */
    public static ReplaySource console() {
        URL url = ReplaySource.class.getClassLoader().getResource("db/migration");
        if (url == null) {
            throw new IllegalStateException("db/migration is not on the classpath");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return consoleFolder(Path.of(uri));
            }
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                return consoleFolder(fs.provider().getPath(uri));
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad classpath URL " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + url, e);
        }
    }

    /**
     * Flyway scripts in a folder: V&lt;n&gt;__x.sql, with an optional V&lt;n&gt;__x.sql.conf beside it whose
     * executeInTransaction=false makes the script run outside a transaction, as Flyway would.
     */
    public static ReplaySource consoleFolder(Path folder) {
        List<MigrationScript> files = MigrationScripts.folder(folder);
        List<ReplayScript> scripts = new ArrayList<>();
        for (MigrationScript file : files) {
            Matcher m = FLYWAY_VERSIONED.matcher(file.name());
            if (!m.matches()) {
                continue;
            }
            boolean transactional = files.stream().filter(f -> f.name().equals(file.name() + ".conf"))
                    .noneMatch(conf -> NO_TRANSACTION.matcher(conf.sql()).find());
            scripts.add(new ReplayScript(file.name(), normaliseVersion(m.group(1)), file.sql(), transactional));
        }
        return new ReplaySource(ReplayHistory.CONSOLE, scripts);
    }

    /** Flyway writes "1.1" for V1_1 and drops nothing else; history rows compare with this. */
    static String normaliseVersion(String version) {
        return version.replace('_', '.');
    }

    public Optional<ReplayScript> byVersion(String version) {
        return scripts.stream().filter(s -> s.version().equals(version)).findFirst();
    }
}
