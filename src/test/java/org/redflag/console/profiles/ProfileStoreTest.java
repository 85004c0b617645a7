package org.redflag.console.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles kept in the data folder, and passwords kept only where PostgreSQL's own tools look. */
class ProfileStoreTest {

    @TempDir
    Path dataDir;

    private final ConnectionProfile prod = new ConnectionProfile("prod", "jdbc:postgresql://db.prod:5432/redflag",
            "alice", "#C62828", true, "https://redflag.prod:8080", "verify-full", "/etc/ca.pem");

    @Test
    void savedProfilesComeBackAsTheyWereWithoutAnyPassword() throws Exception {
        ProfileStore store = new ProfileStore(dataDir);
        store.save(prod);
        store.save(ConnectionProfile.of("staging", "jdbc:postgresql://db.staging/redflag"));

        ProfileStore reopened = new ProfileStore(dataDir);

        assertThat(reopened.list()).containsExactly(
                new ConnectionProfile("prod", "jdbc:postgresql://db.prod:5432/redflag", "alice", "#c62828", true,
                        "https://redflag.prod:8080", "verify-full", "/etc/ca.pem"),
                ConnectionProfile.of("staging", "jdbc:postgresql://db.staging/redflag"));
        String text = Files.readString(dataDir.resolve("profiles.json"));
        assertThat(text).contains("\"colour\" : \"#c62828\"", "\"readOnly\" : true").doesNotContainIgnoringCase("password");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("profiles.json");
        }
    }

    @Test
    void savingAnExistingNameReplacesItInPlaceAndRemoveSaysWhetherItWasThere() throws Exception {
        ProfileStore store = new ProfileStore(dataDir);
        store.save(prod);
        store.save(ConnectionProfile.of("staging", "jdbc:postgresql://db.staging/redflag"));
        store.save(ConnectionProfile.of("prod", "jdbc:postgresql://db2.prod/redflag"));

        assertThat(store.names()).containsExactly("prod", "staging");
        assertThat(store.find("prod").orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://db2.prod/redflag");
        assertThat(store.remove("staging")).isTrue();
        assertThat(store.remove("staging")).isFalse();
        assertThat(store.names()).containsExactly("prod");
    }

    @Test
    void aDamagedFileIsOneSentenceAndBadValuesAreRefusedBeforeSaving() throws Exception {
        Files.writeString(dataDir.resolve("profiles.json"), "{ not json");

        assertThatThrownBy(() -> new ProfileStore(dataDir).list()).isInstanceOf(ProfileProblem.class)
                .hasMessageStartingWith("The profiles file " + dataDir.resolve("profiles.json")
                        + " is not a list of profiles the console wrote (")
                .hasMessageEndingWith("); fix it or move it aside.");
        assertThat(ConnectionProfile.problem("prod", "jdbc:postgresql://db/redflag", "red", null)).contains(
                "A profile's colour is #rrggbb in hexadecimal, such as #c62828, not \"red\".");
        assertThat(ConnectionProfile.problem("my prod", "jdbc:postgresql://db/redflag", null, null)).contains(
                "A profile name is 1 to 40 letters, digits, '.', '_' or '-' (such as prod or staging-eu), not \"my prod\".");
        assertThat(ConnectionProfile.problem("prod", "postgres://db/redflag", null, null).orElseThrow())
                .startsWith("Profile prod: \"postgres://db/redflag\" is a libpq URI;");
    }

    @Test
    void pgpassGetsOneLinePerServerReplacedOnChangeAndOnlyTheOwnerMayReadIt() throws Exception {
        Path pgpass = dataDir.resolve("pgpass");
        Files.writeString(pgpass, "# mine\nother:5432:db:bob:secret\n");
        PgPassFile file = PgPassFile.of(Map.of("PGPASSFILE", pgpass.toString()));

        boolean firstReplaced = file.store(prod, "login", "pa:ss\\word".toCharArray());
        boolean secondReplaced = file.store(prod, "login", "new".toCharArray());
        file.store(ConnectionProfile.of("staging", "jdbc:postgresql://db.staging/redflag"), "login", "s".toCharArray());

        assertThat(firstReplaced).isFalse();
        assertThat(secondReplaced).isTrue();
        assertThat(Files.readAllLines(pgpass)).containsExactly("# mine", "other:5432:db:bob:secret",
                "db.prod:5432:redflag:alice:new", "db.staging:5432:redflag:login:s");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pgpass))).isEqualTo("rw-------");
    }

    @Test
    void pgpassEscapesColonsAndBackslashesAsLibpqReadsThem() throws Exception {
        Path pgpass = dataDir.resolve("pgpass");
        PgPassFile file = new PgPassFile(pgpass);

        file.store(prod, "login", "pa:ss\\word".toCharArray());
        file.store(prod, "login", "pa:ss\\word".toCharArray());

        assertThat(Files.readAllLines(pgpass)).containsExactly("db.prod:5432:redflag:alice:pa\\:ss\\\\word");
    }
}
