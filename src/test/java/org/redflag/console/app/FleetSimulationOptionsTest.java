package org.redflag.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The simulated fleet runs with the embedded demo by default and elsewhere only when asked for. */
class FleetSimulationOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        DatabaseOptions database;
    }

    private static ConsoleSettings settings(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.database.toSettings(Map.of("REDFLAG_DATA_DIR", "/tmp/redflag-options-test"));
    }

    @Test
    void onWithTheEmbeddedDemoAndOffWithAGivenDatabase() {
        assertThat(settings().simulateFleet()).isTrue();
        assertThat(settings("--no-demo").simulateFleet()).isFalse();
        assertThat(settings("--no-simulate-fleet").simulateFleet()).isFalse();
        assertThat(settings("--db-url", "jdbc:postgresql://db.example/redflag").simulateFleet()).isFalse();
        assertThat(settings("--db-url", "jdbc:postgresql://db.example/redflag", "--simulate-fleet").simulateFleet())
                .isTrue();
    }

    @Test
    void theCommandTimeoutDefaultsToTwoHoursAndCanBeChanged() {
        assertThat(settings().commandTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(settings("--timeout-minutes", "30").commandTimeout()).isEqualTo(Duration.ofMinutes(30));
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--timeout-minutes", "0");
        assertThat(probe.database.problem()).hasValueSatisfying(m -> assertThat(m).contains("at least 1 minute"));
    }
}
