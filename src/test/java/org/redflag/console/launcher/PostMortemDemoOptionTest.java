package org.redflag.console.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redflag.console.cli.ExitCodes;

/** --post-mortem-demo builds its own embedded database, so a --db-url beside it is refused in a sentence. */
class PostMortemDemoOptionTest {

    @Test
    void aServerUrlBesideTheDemoIsRefusedBeforeAnythingStarts() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Launcher.commandLine(Map.of("REDFLAG_DATA_DIR", "/tmp/redflag-pm-option-test"), Clock.systemUTC(),
                new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("--post-mortem-demo", "--db-url", "jdbc:postgresql://db.example/redflag");

        assertThat(code).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(err.toString().strip())
                .isEqualTo("redflag-console: --post-mortem-demo builds its own embedded database; leave out --db-url and --profile");
        assertThat(out.toString()).isEmpty();
    }
}
