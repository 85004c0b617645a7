package org.redflag.console.shapes;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * The two RedFlag database generations the console must work on, built by the project's own scripts
 * through {@link RedFlagRunner}, in the order a real database went through them.
 */
public enum RedFlagShape {

    /** Files 001..014 (v0.1.18-alpha), run by the v0.1.18 runner. */
    V0_1_18,

    /**
     * A v0.1.18 database upgraded in place: 001..014 by the v0.1.18 runner, then 015..033 by the later
     * runner, as a real upgraded server would have done (so it has no schema_migrations rows the later
     * tree renamed, such as 009b, and does have schema_migrations_backup).
     */
    LATER;

    /** The first file name of the later generation; everything before it is v0.1.18. */
    static final String LATER_FROM = "015";

    static boolean isV0118File(String name) {
        return RedFlagRunner.BYTE_ORDER.compare(name, LATER_FROM) < 0;
    }

    /** Builds this shape on an empty database (or completes it on a partly built one). */
    public RunResult build(DataSource dataSource) {
        return build(dataSource, this);
    }

    /**
     * Builds {@code shape} on {@code dataSource}; returns what the runners did, v0.1.18's files first.
     * Throws {@link RedFlagMigrationException} if a file fails for a reason the runner does not forgive.
     */
    public static RunResult build(DataSource dataSource, RedFlagShape shape) {
        Objects.requireNonNull(shape, "shape");
        RunResult old = new RedFlagRunner(dataSource, RedFlagRunner.Behaviour.V0_1_18)
                .runBundled(RedFlagShape::isV0118File);
        if (shape == V0_1_18) {
            return old;
        }
        RunResult later = new RedFlagRunner(dataSource, RedFlagRunner.Behaviour.LATER)
                .runBundled(name -> !isV0118File(name));
        return new RunResult(
                concat(old.ran(), later.ran()),
                concat(old.falseCompleted(), later.falseCompleted()),
                later.failed());
    }

    private static java.util.List<String> concat(java.util.List<String> a, java.util.List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
