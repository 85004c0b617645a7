package org.redflag.console.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import org.redflag.console.db.Database;

/**
 * CPU time the database server's processes have used, read from Linux's /proc. On shared cores a statement's wall
 * time includes waiting for a core; its CPU time is the work itself, which is what a faster statement saves. Only
 * for the console's embedded server: it runs on this machine, so the processes read are surely the server's.
 */
final class ServerCpu {

    /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux the console runs on. */
    private static final double NANOS_PER_TICK = 1e9 / 100;

    private final long postmasterPid;

    private ServerCpu(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /** The server behind {@code database}, or empty where it is not the embedded one or there is no /proc. */
    static Optional<ServerCpu> of(Database database) {
        if (!database.isEmbedded()) {
            return Optional.empty();
        }
        try (Connection c = database.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return stat(rs.getLong(1)).map(fields -> new ServerCpu(Long.parseLong(fields[1])));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * CPU used so far by the server and the processes it has now, {@code excluded} backends left out (the
     * benchmark's own sampler). A backend that exits takes its time with it, so read this around work whose
     * connections stay open.
     */
    long usedNanos(Set<Long> excluded) {
        long ticks = stat(postmasterPid).map(ServerCpu::ticks).orElse(0L);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"),
                path -> path.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (excluded.contains(pid)) {
                    continue;
                }
                Optional<String[]> fields = stat(pid);
                if (fields.isPresent() && Long.parseLong(fields.get()[1]) == postmasterPid) {
                    ticks += ticks(fields.get());
                }
            }
        } catch (IOException e) {
            // /proc went away under us: what was read so far is all there is to say.
        }
        return Math.round(ticks * NANOS_PER_TICK);
    }

    private static long ticks(String[] fields) {
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses itself):
     * [0] state, [1] parent pid, ..., [11] user time, [12] system time.
     */
    private static Optional<String[]> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process ended between listing and reading it.
            return Optional.empty();
        }
    }
}
