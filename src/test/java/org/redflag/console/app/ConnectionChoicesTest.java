package org.redflag.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.profiles.ConnectionProfile;
import org.redflag.console.profiles.ProfileStore;
import picocli.CommandLine;

/** When the window asks which database to open, and what each choice opens. */
class ConnectionChoicesTest {

    @TempDir
    Path dataDir;

    @CommandLine.Command
    static final class Options {
        @CommandLine.Mixin
        DatabaseOptions database;
    }

    @BeforeEach
    void saveProfiles() throws Exception {
        new ProfileStore(dataDir).save(new ConnectionProfile("prod", "jdbc:postgresql://db.prod:5432/redflag", "alice",
                "#c62828", true, null, "verify-full", null));
    }

    private DatabaseOptions options(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dataDir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandLine.populateCommand(new Options(), all).database;
    }

    @Test
    void thePickerOpensAtStartOnlyWhenProfilesAreSavedAndNoDatabaseIsNamed() throws Exception {
        assertThat(ConnectionChoices.from(options(), Map.of(), false).pickAtStart()).isTrue();
        assertThat(ConnectionChoices.from(options("--db-url", "jdbc:postgresql://h/db"), Map.of(), false)
                .pickAtStart()).isFalse();
        assertThat(ConnectionChoices.from(options("--profile", "prod"), Map.of(), false).pickAtStart()).isFalse();
        assertThat(ConnectionChoices.from(options(), Map.of("REDFLAG_DB_URL", "jdbc:postgresql://h/db"), false)
                .pickAtStart()).isFalse();
        assertThat(ConnectionChoices.from(options(), Map.of(), true).pickAtStart()).as("--post-mortem-demo").isFalse();
        new ProfileStore(dataDir).remove("prod");
        assertThat(ConnectionChoices.from(options(), Map.of(), false).pickAtStart()).isFalse();
    }

    @Test
    void theEmbeddedDemoComesFirstThenTheProfilesWithWhatTellsThemApart() throws Exception {
        var list = ConnectionChoices.from(options(), Map.of(), false).list();

        assertThat(list).extracting(ConnectionChoice::name).containsExactly(ConnectionChoice.EMBEDDED_DEMO, "prod");
        assertThat(list.get(0).profile()).isEmpty();
        assertThat(list.get(1)).satisfies(prod -> {
            assertThat(prod.location()).isEqualTo("jdbc:postgresql://db.prod:5432/redflag");
            assertThat(prod.user()).isEqualTo("alice");
            assertThat(prod.colour()).contains("#c62828");
            assertThat(prod.readOnly()).isTrue();
        });
    }

    @Test
    void aChoiceOpensWhatItNamesWithTheStartOptionsOfEverythingElse() throws Exception {
        ConnectionChoices choices = ConnectionChoices.from(options("--no-migrate", "--timeout-minutes", "30"),
                Map.of("REDFLAG_DB_URL", "jdbc:postgresql://elsewhere/db"), false);
        var list = choices.list();

        ConsoleSettings prod = choices.settingsFor(list.get(1));
        assertThat(prod.target()).isEqualTo(new DatabaseTarget.Server("jdbc:postgresql://db.prod:5432/redflag", "alice",
                new org.redflag.console.db.TlsSettings("verify-full", null, null, null)));
        assertThat(prod.readOnlyProfile()).contains("prod");
        assertThat(prod.migrate()).isFalse();
        assertThat(prod.commandTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(prod.dataDirectory()).isEqualTo(dataDir);

        ConsoleSettings demo = choices.settingsFor(list.get(0));
        assertThat(demo.target()).as("the demo is embedded whatever the environment names")
                .isEqualTo(new DatabaseTarget.Embedded(DataFolders.postgresData(dataDir), 0));
        assertThat(demo.profile()).isEmpty();
    }

    @Test
    void aProfileRemovedSinceTheListWasReadIsRefusedInASentence() throws Exception {
        ConnectionChoices choices = ConnectionChoices.from(options(), Map.of(), false);
        ConnectionChoice prod = choices.list().get(1);
        new ProfileStore(dataDir).remove("prod");

        assertThatThrownBy(() -> choices.settingsFor(prod)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("There is no profile named prod");
    }
}
