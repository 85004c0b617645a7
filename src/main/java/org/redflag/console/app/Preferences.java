package org.redflag.console.app;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the user chose in the window and expects to find again (the theme), in {@code preferences.properties}
 * in the data folder. A file that cannot be read or written costs the choice, never the start.
 */
public final class Preferences {

    private static final Logger LOG = LoggerFactory.getLogger(Preferences.class);
    private static final String FILE = "preferences.properties";
    private static final String THEME = "theme";

    private final Path file;

    public Preferences(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE);
    }

    /** "dark" or "light" when the user chose one; empty before the first choice (follow the system). */
    public Optional<String> theme() {
        return read().map(p -> p.getProperty(THEME)).filter(t -> t.equals("dark") || t.equals("light"));
    }

    public void theme(String choice) {
        Properties properties = read().orElseGet(Properties::new);
        properties.setProperty(THEME, choice);
        try {
            Files.createDirectories(file.getParent());
            Path beside = file.resolveSibling(FILE + ".new");
            try (Writer out = Files.newBufferedWriter(beside, StandardCharsets.UTF_8)) {
                properties.store(out, "redflag-console preferences");
            }
            Files.move(beside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not keep the theme choice in {}", file, e);
        }
    }

    /** The desktop's own choice where it says so (GTK_THEME=Adwaita:dark): the first start follows it. */
    public static String systemTheme(Map<String, String> env) {
        String gtk = env.getOrDefault("GTK_THEME", "");
        return gtk.toLowerCase(java.util.Locale.ROOT).contains("dark") ? "dark" : "light";
    }

    private Optional<Properties> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return Optional.of(properties);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read {}; the defaults apply", file, e);
            return Optional.empty();
        }
    }
}
