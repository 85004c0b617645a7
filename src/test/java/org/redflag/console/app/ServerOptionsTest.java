package org.redflag.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.CliRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** --server-url and its environment: the URL from a flag or REDFLAG_SERVER_URL, secrets only from the environment. */
class ServerOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        DatabaseOptions database;
    }

    private static DatabaseOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.database;
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("REDFLAG_DATA_DIR", "/tmp/redflag-options-test"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void withoutAUrlThereIsNoServer() {
        DatabaseOptions options = parse();
        assertThat(options.problem(env("REDFLAG_SERVER_TOKEN", "tok-1234"))).isEmpty();
        assertThat(options.toSettings(env("REDFLAG_SERVER_TOKEN", "tok-1234")).server()).isEmpty();
    }

    @Test
    void theTokenComesFromTheEnvironmentAndTheFlagWinsOverTheUrlVariable() {
        Map<String, String> env = env("REDFLAG_SERVER_URL", "http://from-env:8080",
                "REDFLAG_SERVER_TOKEN", "s3cret-token-value");
        var server = parse("--server-url", "https://flag.example:8443/").toSettings(env).server();
        assertThat(server).hasValueSatisfying(s -> {
            assertThat(s.baseUrl()).hasToString("https://flag.example:8443");
            assertThat(s.logsIn()).isFalse();
            assertThat(s.toString()).contains("https://flag.example:8443", "token: ***")
                    .doesNotContain("s3cret-token-value");
        });
        assertThat(parse().toSettings(env).server()).hasValueSatisfying(
                s -> assertThat(s.baseUrl()).hasToString("http://from-env:8080"));
    }

    @Test
    void aLoginComesFromUserAndPasswordVariables() {
        Map<String, String> env = env("REDFLAG_SERVER_URL", "http://redflag:8080",
                "REDFLAG_SERVER_USER", "alice", "REDFLAG_SERVER_PASSWORD", "pa55word-x");
        var settings = parse().toSettings(env);
        assertThat(settings.server()).hasValueSatisfying(s -> {
            assertThat(s.logsIn()).isTrue();
            assertThat(s.toString()).contains("user alice").doesNotContain("pa55word-x");
        });
        assertThat(settings.toString()).doesNotContain("pa55word-x");
        assertThat(settings.inspecting().server()).isEqualTo(settings.server());
    }

    @Test
    void aBadUrlIsOneSentenceNamingWhereItCameFrom() {
        assertThat(parse("--server-url", "ftp://redflag.example").problem())
                .hasValueSatisfying(m -> assertThat(m).contains("--server-url", "http:// or https://"));
        assertThat(parse("--server-url", "http://").problem())
                .hasValueSatisfying(m -> assertThat(m).contains("--server-url"));
        assertThat(parse().problem(env("REDFLAG_SERVER_URL", "redflag.example:8080", "REDFLAG_SERVER_TOKEN", "t")))
                .hasValueSatisfying(m -> assertThat(m).contains("REDFLAG_SERVER_URL", "http:// or https://"));
        assertThat(parse("--server-url", "https://alice:pw@redflag.example").problem())
                .hasValueSatisfying(m -> assertThat(m).contains("must not carry a user or password")
                        .doesNotContain("pw@"));
    }

    @Test
    void aUrlWithoutCredentialsOrWithHalfALoginIsAProblem() {
        assertThat(parse("--server-url", "http://redflag:8080").problem(env()))
                .hasValueSatisfying(m -> assertThat(m).contains("REDFLAG_SERVER_TOKEN"));
        assertThat(parse("--server-url", "http://redflag:8080").problem(env("REDFLAG_SERVER_USER", "alice")))
                .hasValueSatisfying(m -> assertThat(m).contains("REDFLAG_SERVER_PASSWORD is not"));
    }

    @Test
    void secretsAreRefusedOnTheCommandLine() {
        assertThat(parse("--server-token", "abc").problem())
                .hasValueSatisfying(m -> assertThat(m).contains("not taken on the command line")
                        .contains("REDFLAG_SERVER_TOKEN").doesNotContain("abc"));
        assertThat(parse("--server-password", "abc").problem()).isPresent();
    }

    @Test
    void aHeadlessCommandStopsWithTheSentenceAndExitCodeTwo() {
        CliRun run = CliRun.of(env("REDFLAG_SERVER_URL", "redflag:8080"), "check");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("REDFLAG_SERVER_URL").doesNotContain("Exception");
    }
}
