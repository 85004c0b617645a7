package org.redflag.console.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The versioned scripts this build ships in a classpath folder, named, described and checksummed as Flyway does,
 * without Flyway: configuring Flyway (its plugins, its classpath scan) costs a start-up half a second, and on a
 * database that is already up to date all the start needs is to compare this list with the record. A test holds
 * the list equal to Flyway's own.
 */
public final class ShippedScripts {

    /** Flyway's default naming: V + version (parts split by . or _) + __ + description (words split by _) + .sql */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** One script as Flyway records it: version and description as printed, file name, checksum. */
    public record Script(String version, String description, String script, int checksum) {
    }

    private ShippedScripts() {
    }

    /**
     * The scripts in {@code folder} (e.g. "db/migration") wherever the loader has it, a jar or a directory, by version;
     * empty when there is something in the folder Flyway would read that this list does not model (a repeatable or
     * otherwise named .sql file): then only Flyway can say.
     */
    public static Optional<List<Script>> in(ClassLoader loader, String folder) {
        try {
            List<Script> scripts = new ArrayList<>();
            for (URL url : Collections.list(loader.getResources(folder))) {
                for (String name : names(url, folder)) {
                    if (!name.endsWith(".sql")) {
                        continue;
                    }
                    Matcher m = VERSIONED.matcher(name);
                    if (!m.matches()) {
                        return Optional.empty();
                    }
                    scripts.add(new Script(m.group(1).replace('_', '.'), m.group(2).replace('_', ' '), name,
                            checksum(loader, folder + "/" + name)));
                }
            }
            scripts.sort(java.util.Comparator.comparing(Script::version, ShippedScripts::compareVersions));
            return Optional.of(List.copyOf(scripts));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the migration scripts in " + folder, e);
        }
    }

    /** The file names directly in the folder at {@code url}. */
    private static List<String> names(URL url, String folder) throws IOException {
        if ("jar".equals(url.getProtocol())) {
            String prefix = folder + "/";
            // The jar the classes come from, already open: its directory is read from memory.
            var connection = (JarURLConnection) url.openConnection();
            try (Stream<String> entries = connection.getJarFile().stream().map(java.util.jar.JarEntry::getName)) {
                return entries.filter(e -> e.startsWith(prefix) && e.length() > prefix.length()
                        && e.indexOf('/', prefix.length()) < 0).map(e -> e.substring(prefix.length()))
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).stream().toList();
            }
        }
        if ("file".equals(url.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        throw new IOException("Cannot list " + url);
    }

    /** Flyway's checksum of a script: CRC-32 over its lines without their line breaks, UTF-8, a BOM dropped. */
    static int checksum(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("No " + resource);
            }
            return checksum(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096));
        }
    }

    static int checksum(BufferedReader reader) throws IOException {
        CRC32 crc = new CRC32();
        String line = reader.readLine();
        if (line != null && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = reader.readLine();
        }
        return (int) crc.getValue();
    }

    /** Numerically, part by part: 2 before 10, 1.1 after 1. */
    static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            var l = new java.math.BigInteger(i < left.length ? left[i] : "0");
            var r = new java.math.BigInteger(i < right.length ? right[i] : "0");
            int c = l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
