package org.redflag.console.app;

import java.nio.file.Path;
import java.util.Optional;
import org.redflag.console.profiles.ConnectionProfile;

/**
 * One line of the connection picker: the embedded demo, or a saved profile, with what tells them apart at a
 * glance (name, colour, where, as whom, read-only).
 *
 * @param location the JDBC URL, or where the embedded database lives
 * @param user     the database user, or "" for the URL's own or the login name
 * @param profile  the profile, or empty for the embedded demo
 */
public record ConnectionChoice(String name, String location, String user, Optional<String> colour,
        boolean readOnly, Optional<ConnectionProfile> profile) {

    /** The embedded demo's name in the picker: a profile name cannot have a space, so it never clashes. */
    public static final String EMBEDDED_DEMO = "Embedded demo";

    static ConnectionChoice embeddedDemo(Path dataDirectory) {
        return new ConnectionChoice(EMBEDDED_DEMO, "embedded PostgreSQL in " + DataFolders.postgresData(dataDirectory),
                "", Optional.empty(), false, Optional.empty());
    }

    static ConnectionChoice of(ConnectionProfile profile) {
        return new ConnectionChoice(profile.name(), profile.jdbcUrl(), profile.user() == null ? "" : profile.user(),
                profile.colourIfSet(), profile.readOnly(), Optional.of(profile));
    }

    /** The name of the choice these settings came from: the profile's, the embedded demo's, else the database's. */
    public static String nameFor(ConsoleSettings settings) {
        return settings.profile().map(ConnectionProfile::name).orElse(
                settings.target() instanceof org.redflag.console.db.DatabaseTarget.Embedded ? EMBEDDED_DEMO
                        : settings.target().describe());
    }
}
