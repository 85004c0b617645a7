package org.redflag.console.shapes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where migration files come from: the project's own RedFlag-shaped scripts on the classpath, or a
 * folder on disk (so a user's own scripts can be replayed the way RedFlag's runner would).
 * Files are returned in no particular order; {@link RedFlagRunner} sorts them as RedFlag does.
 */
public final class MigrationScripts {

    /** The classpath folder holding this project's scripts, named exactly like RedFlag's files. */
    public static final String CLASSPATH_FOLDER = "org/redflag/console/shapes/migrations";

    private MigrationScripts() {
    }

    /** Every file of the project's script folder, whether the classes run from a folder or a jar. */
    public static List<MigrationScript> classpath() {
        URL url = MigrationScripts.class.getClassLoader().getResource(CLASSPATH_FOLDER);
        if (url == null) {
            throw new IllegalStateException(CLASSPATH_FOLDER + " is not on the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return fromJar(uri);
            }
            return folder(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad classpath URL " + url, e);
        }
    }

    /** Every regular file of {@code dir} (not its sub-folders), as RedFlag's runner reads its folder. */
    public static List<MigrationScript> folder(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<MigrationScript> scripts = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                scripts.add(new MigrationScript(file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
            return scripts;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read migration folder " + dir, e);
        }
    }

    private static List<MigrationScript> fromJar(URI uri) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
            return folder(fs.provider().getPath(uri));
        } catch (FileSystemAlreadyExistsException e) {
            // Someone else has the jar open (and will close it): read through theirs, leave it open.
            return folder(FileSystems.getFileSystem(uri).provider().getPath(uri));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + uri, e);
        }
    }
}
