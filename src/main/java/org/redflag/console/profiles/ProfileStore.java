package org.redflag.console.profiles;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connection profiles of one data folder, kept in {@code profiles.json} there. Every change writes a new file
 * beside the old one and renames it over, so a crash or a full disk leaves the old list, never half of one.
 */
public final class ProfileStore {

    public static final String FILE_NAME = "profiles.json";
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private final Path file;

    public ProfileStore(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The profiles in the order they were added; none when the file does not exist yet. */
    public List<ConnectionProfile> list() throws ProfileProblem {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ProfileProblem("The profiles file " + file + " cannot be read (" + e.getMessage()
                    + "); check its permissions.", e);
        }
        try {
            Object profiles = JSON.std.mapFrom(text).get("profiles");
            List<ConnectionProfile> read = new ArrayList<>();
            if (profiles instanceof List<?> entries) {
                for (Object entry : entries) {
                    read.add(fromMap((Map<?, ?>) entry));
                }
            }
            return List.copyOf(read);
        } catch (IOException | RuntimeException e) {
            throw new ProfileProblem("The profiles file " + file + " is not a list of profiles the console wrote ("
                    + firstLine(e.getMessage()) + "); fix it or move it aside.", e);
        }
    }

    public Optional<ConnectionProfile> find(String name) throws ProfileProblem {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> names() throws ProfileProblem {
        return list().stream().map(ConnectionProfile::name).toList();
    }

    /** The sentence for a name that is not here, naming the ones that are. */
    public String unknown(String name) throws ProfileProblem {
        List<String> names = names();
        return names.isEmpty()
                ? "There is no profile named " + name + ": no profiles are saved in " + file + " yet; add one with "
                        + "`profiles add " + name + " --db-url URL`."
                : "There is no profile named " + name + "; the known profiles are " + String.join(", ", names) + ".";
    }

    /** Adds the profile, or replaces the one of the same name where it stands in the list. */
    public void save(ConnectionProfile profile) throws ProfileProblem {
        List<ConnectionProfile> profiles = new ArrayList<>(list());
        int at = indexOf(profiles, profile.name());
        if (at >= 0) {
            profiles.set(at, profile);
        } else {
            profiles.add(profile);
        }
        write(profiles);
    }

    /** @return whether there was such a profile */
    public boolean remove(String name) throws ProfileProblem {
        List<ConnectionProfile> profiles = new ArrayList<>(list());
        int at = indexOf(profiles, name);
        if (at < 0) {
            return false;
        }
        profiles.remove(at);
        write(profiles);
        return true;
    }

    private static int indexOf(List<ConnectionProfile> profiles, String name) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void write(List<ConnectionProfile> profiles) throws ProfileProblem {
        List<Map<String, Object>> entries = profiles.stream().map(ProfileStore::toMap).toList();
        Path temporary = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".profiles-", ".json.tmp");
            Files.writeString(temporary, PRETTY.asString(Map.of("profiles", entries)) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new ProfileProblem("The profiles file " + file + " cannot be written (" + e.getMessage()
                    + "); check that the data folder is writable.", e);
        }
    }

    private static Map<String, Object> toMap(ConnectionProfile p) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", p.name());
        map.put("jdbcUrl", p.jdbcUrl());
        putIfSet(map, "user", p.user());
        putIfSet(map, "colour", p.colour());
        map.put("readOnly", p.readOnly());
        putIfSet(map, "serverUrl", p.serverUrl());
        putIfSet(map, "sslMode", p.sslMode());
        putIfSet(map, "sslRootCert", p.sslRootCert());
        return map;
    }

    private static ConnectionProfile fromMap(Map<?, ?> map) {
        return new ConnectionProfile(text(map, "name"), text(map, "jdbcUrl"), text(map, "user"), text(map, "colour"),
                Boolean.TRUE.equals(map.get("readOnly")), text(map, "serverUrl"), text(map, "sslMode"),
                text(map, "sslRootCert"));
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the failure being reported matters more than a stray temporary file
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.strip().indexOf('\n');
        return newline < 0 ? message.strip() : message.strip().substring(0, newline);
    }
}
