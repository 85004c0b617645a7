package org.redflag.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The migration scripts follow one pattern: named V&lt;n&gt;__what_it_does.sql, one version each, each opening
 * with a comment that says why, and never edited once landed (the checksums are pinned in
 * src/test/resources/db/landed-migrations.sha256). Flyway would also refuse an edited script on a database
 * that has it; this test refuses it before any database sees it.
 */
class MigrationScriptsTest {

    private static final Path SCRIPTS = Path.of("src/main/resources/db/migration");
    private static final Path LANDED = Path.of("src/test/resources/db/landed-migrations.sha256");
    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([a-z0-9]+(?:_[a-z0-9]+)*)\\.sql(\\.conf)?");

    @Test
    void everyScriptIsNamedByTheVersionAndWhatItDoes() throws IOException {
        Map<Integer, String> versions = new LinkedHashMap<>();
        for (Path script : scripts()) {
            String name = script.getFileName().toString();
            Matcher matcher = NAME.matcher(name);
            assertThat(matcher.matches()).as("%s follows V<n>__what_it_does.sql", name).isTrue();
            if (matcher.group(3) == null) {
                String previous = versions.put(Integer.parseInt(matcher.group(1)), name);
                assertThat(previous).as("version of %s is used once", name).isNull();
            } else {
                assertThat(SCRIPTS.resolve(name.substring(0, name.length() - ".conf".length())))
                        .as("%s configures a script that exists", name).exists();
            }
        }
        assertThat(versions).isNotEmpty();
    }

    @Test
    void everyScriptSaysWhyInItsFirstLine() throws IOException {
        for (Path script : scripts()) {
            if (script.toString().endsWith(".sql")) {
                assertThat(Files.readAllLines(script, StandardCharsets.UTF_8).get(0))
                        .as("%s opens with a comment", script.getFileName()).startsWith("-- ");
            }
        }
    }

    @Test
    void landedScriptsAreNeverEdited() throws IOException {
        Map<String, String> pinned = new LinkedHashMap<>();
        for (String line : Files.readAllLines(LANDED, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\\s+", 2);
                pinned.put(parts[1].strip(), parts[0]);
            }
        }
        for (Path script : scripts()) {
            String name = script.getFileName().toString();
            if (!name.endsWith(".sql")) {
                continue;
            }
            assertThat(pinned).as("%s is listed in %s (add its line when it lands)", name, LANDED).containsKey(name);
            assertThat(sha256(script)).as("%s was edited after it landed: add a new migration instead", name)
                    .isEqualTo(pinned.get(name));
        }
        for (String name : pinned.keySet()) {
            assertThat(SCRIPTS.resolve(name)).as("landed migration %s was deleted", name).exists();
        }
    }

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.sorted().toList();
        }
    }

    private static String sha256(Path script) throws IOException {
        String text = Files.readString(script, StandardCharsets.UTF_8).replace("\r\n", "\n");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
