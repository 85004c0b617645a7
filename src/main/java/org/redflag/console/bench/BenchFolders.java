package org.redflag.console.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmark's temporary folders (a throwaway database, a first start's data folder). */
final class BenchFolders {

    private BenchFolders() {
    }

    static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A left-over temp folder is the operating system's to clean; the figures are already printed.
        }
    }
}
