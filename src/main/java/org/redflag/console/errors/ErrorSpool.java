package org.redflag.console.errors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.redflag.console.history.ConsoleError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console errors that could not reach the database yet: one JSON line each, in the order they happened,
 * in a file under the user's data folder. Every append is forced to disk before it returns, so a console
 * killed while offline loses nothing; the next start replays the file.
 *
 * <p>A line cut short by a crash in the middle of an append is set aside in a ".rejected" file next to the
 * spool (kept for a human, never silently dropped) and the lines after it are still replayed.
 */
public final class ErrorSpool {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorSpool.class);
    public static final String FILE_NAME = "error-spool.jsonl";

    /**
     * One line of the spool and where it ends in the file, so that trimming can cut exactly after it.
     * {@code error} is null for a line that is not a readable error (cut short by a crash).
     */
    record Entry(ConsoleError error, String line, long endOffset) {
        boolean readable() {
            return error != null;
        }
    }

    private final Path file;
    private int pending;

    public ErrorSpool(Path file) {
        this.file = file.toAbsolutePath();
        int lines = 0;
        try {
            List<Entry> entries = read();
            lines = (int) entries.stream().filter(Entry::readable).count();
            if (lines < entries.size()) {
                LOG.warn("The error spool {} holds {} line(s) cut short by a console stopped while writing; the next "
                        + "replay skips them and keeps them in {}", this.file, entries.size() - lines, rejectedFile());
            }
        } catch (IOException e) {
            LOG.warn("Could not read the error spool {}", this.file, e);
        }
        this.pending = lines;
    }

    /** The spool in a data folder: {@value #FILE_NAME}. */
    public static ErrorSpool in(Path dataDirectory) {
        return new ErrorSpool(dataDirectory.resolve(FILE_NAME));
    }

    /**
     * Named, not made: the spool appends (creating the file) only when an error has to wait, so a tool that
     * always reaches its database leaves nothing in the temp folder; before, every reporter left an empty file.
     */
    static ErrorSpool temporary() {
        return new ErrorSpool(Path.of(System.getProperty("java.io.tmpdir"),
                "redflag-console-errors-" + java.util.UUID.randomUUID() + ".jsonl"));
    }

    public Path file() {
        return file;
    }

    /** Removes the file when no error waits in it; one that holds errors stays, as their only record. */
    public synchronized void removeIfEmpty() {
        if (pending > 0) {
            LOG.warn("{} console error(s) did not reach the database; they are kept in {}", pending, file);
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not remove the error spool {}", file, e);
        }
    }

    /** How many errors wait to be written to the database. */
    public synchronized int pending() {
        return pending;
    }

    /** Appends one error and forces it to disk before returning. */
    public synchronized void append(ConsoleError error) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] line = (SpoolLines.encode(error) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer buffer;
            if (size > 0 && !endsWithNewline(channel, size)) {
                // A crash cut the last line short; end it, so this error stays a line of its own.
                buffer = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
            } else {
                buffer = ByteBuffer.wrap(line);
            }
            channel.position(size);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        pending++;
    }

    /** Every line, in file order. */
    synchronized List<Entry> read() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            // A last line without its newline is an append that a crash interrupted: never acknowledged.
            if (i < bytes.length && bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            long end = Math.min(i + 1L, bytes.length);
            if (!line.isBlank()) {
                ConsoleError error;
                try {
                    error = i < bytes.length ? SpoolLines.decode(line) : null;
                } catch (IllegalArgumentException e) {
                    error = null;
                }
                entries.add(new Entry(error, line, end));
            }
            start = i + 1;
        }
        return entries;
    }

    /** Where lines the history can never take are kept: next to the spool, ".rejected". */
    public Path rejectedFile() {
        return file.resolveSibling(file.getFileName() + ".rejected");
    }

    /**
     * Keeps an error that the database refused for good (not even the barest row fits its schema) in the
     * ".rejected" file, so it neither blocks the errors behind it nor is lost.
     */
    synchronized void setAside(ConsoleError error) throws IOException {
        Files.write(rejectedFile(), List.of(SpoolLines.encode(error)), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Removes everything up to {@code endOffset} (the end of the last line written to the database); lines
     * appended since stay. Unreadable lines in the removed part go to the ".rejected" file first.
     */
    synchronized void trim(long endOffset, int errorsRemoved, List<String> unreadableRemoved) throws IOException {
        if (!unreadableRemoved.isEmpty()) {
            Files.write(rejectedFile(), unreadableRemoved, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            LOG.warn("{} unreadable line(s) of the error spool were set aside in {}", unreadableRemoved.size(), rejectedFile());
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(bytes, (int) Math.min(endOffset, bytes.length), (int) Math.max(0, bytes.length - endOffset));
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(rest.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
        }
        pending = Math.max(0, pending - errorsRemoved);
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }
}
