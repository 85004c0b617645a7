package org.redflag.console.errors;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.ConsoleError;
import org.redflag.console.testing.KillableProcess;

/**
 * A console without a database (offline from the start) whose errors all go to the spool in its data folder:
 * the process {@link ErrorSpoolKillTest} kills with SIGKILL. It says "SPOOLED n" once error n is on disk (the
 * notification comes after the fsync'd append).
 *
 * <p>{@code loop}: errors with a stack trace of about a megabyte each, one after another, until killed, so the
 * kill lands wherever it lands, often inside a write. {@code torn}: five errors, then the first half of a sixth
 * line written and forced, "MID-WRITE", and it waits to be killed there: what a kill inside a write leaves,
 * at a point the test knows.
 */
public final class SpoolingConsole {

    private SpoolingConsole() {
    }

    public static void main(String[] args) throws Exception {
        Path dataFolder = Path.of(args[0]);
        String mode = args[1];
        ErrorReporter errors = ErrorReporter.onOwnThread(ErrorSpool.in(dataFolder),
                (title, message, row) -> KillableProcess.say("SPOOLED " + message.substring(message.lastIndexOf(' ') + 1)),
                Clock.systemUTC(), "kill-test", Duration.ofHours(1));
        // JSON escapes a control character in six bytes: a megabyte of line from 200,000 characters.
        String bulky = "\u0001".repeat(200_000);
        int count = mode.equals("loop") ? Integer.MAX_VALUE : 5;
        for (int i = 1; i <= count; i++) {
            errors.report(ConsoleArea.CONSOLE, "spooled error " + i, new IllegalStateException(bulky), null);
            errors.flush();
        }
        ConsoleError sixth = new ConsoleError(UUID.randomUUID(), Clock.systemUTC().instant(), "console",
                "spooled error 6", bulky, null, "host", "user", "kill-test", "main");
        byte[] line = (SpoolLines.encode(sixth) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel spool = FileChannel.open(ErrorSpool.in(dataFolder).file(), StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            spool.write(ByteBuffer.wrap(line, 0, line.length / 2));
            spool.force(true);
        }
        KillableProcess.say("MID-WRITE");
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
