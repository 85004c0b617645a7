package org.redflag.console.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.history.ConsoleError;

class ErrorSpoolTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path folder;

    @Test
    void everyCharacterAStringCanHoldRoundTripsThroughALine() {
        String nasty = "line1\nline2\r\n\t\"quoted\" \\back\\slash\u0000nul 日本語 💥 \u2028 lone\uD800 {\"json\":null}";
        ConsoleError error = new ConsoleError(UUID.randomUUID(), T0, "agents", nasty, nasty, UUID.randomUUID(),
                "host", null, "1.0", "console-db-1");

        String line = SpoolLines.encode(error);

        assertThat(line).doesNotContain("\n", "\r", "\u0000", "\u2028");
        assertThat(SpoolLines.decode(line)).isEqualTo(error);
        assertThat(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(line);
    }

    @Test
    void appendsSurviveANewSpoolObjectAndTrimmingKeepsWhatCameAfter() throws Exception {
        ErrorSpool spool = ErrorSpool.in(folder);
        ConsoleError first = error("first");
        ConsoleError second = error("second");
        ConsoleError third = error("third");
        spool.append(first);
        spool.append(second);

        ErrorSpool reopened = ErrorSpool.in(folder);
        List<ErrorSpool.Entry> entries = reopened.read();
        reopened.append(third);
        reopened.trim(entries.get(1).endOffset(), 2, List.of());

        assertThat(entries).extracting(ErrorSpool.Entry::error).containsExactly(first, second);
        assertThat(reopened.pending()).isEqualTo(1);
        assertThat(ErrorSpool.in(folder).read()).extracting(ErrorSpool.Entry::error).containsExactly(third);
    }

    @Test
    void aLineCutShortByACrashIsSetAsideAndTheNextAppendStartsOnItsOwnLine() throws Exception {
        ErrorSpool spool = ErrorSpool.in(folder);
        spool.append(error("before the crash"));
        String torn = SpoolLines.encode(error("torn")).substring(0, 40);
        Files.writeString(spool.file(), torn, StandardOpenOption.APPEND);

        ErrorSpool restarted = ErrorSpool.in(folder);
        restarted.append(error("after the crash"));
        List<ErrorSpool.Entry> entries = restarted.read();

        assertThat(restarted.pending()).isEqualTo(2);
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).error().message()).isEqualTo("before the crash");
        assertThat(entries.get(1).readable()).isFalse();
        assertThat(entries.get(1).line()).isEqualTo(torn);
        assertThat(entries.get(2).error().message()).isEqualTo("after the crash");

        restarted.trim(entries.get(2).endOffset(), 2, List.of(torn));

        assertThat(Files.readAllLines(folder.resolve(ErrorSpool.FILE_NAME + ".rejected"))).containsExactly(torn);
        assertThat(Files.size(spool.file())).isZero();
    }

    private static ConsoleError error(String message) {
        return new ConsoleError(UUID.randomUUID(), T0, "test", message, "", null, "host", "user", "1.0", "main");
    }
}
