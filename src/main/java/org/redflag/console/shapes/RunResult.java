package org.redflag.console.shapes;

import java.util.List;

/**
 * What one run of {@link RedFlagRunner} did, by file name in the order it handled them: files that
 * ran and were recorded, files recorded although they failed (v0.1.18's "false complete"), and the
 * file that stopped the run (at most one).
 */
public record RunResult(List<String> ran, List<String> falseCompleted, List<String> failed) {

    public RunResult {
        ran = List.copyOf(ran);
        falseCompleted = List.copyOf(falseCompleted);
        failed = List.copyOf(failed);
    }

    /** Every file that is now recorded in schema_migrations because of this run. */
    public List<String> recorded() {
        return java.util.stream.Stream.concat(ran.stream(), falseCompleted.stream()).toList();
    }
}
