package org.redflag.console.ui.migrations;

import java.util.stream.Collectors;
import org.redflag.console.migration.FileVerdict;
import org.redflag.console.migration.LegacyVerdict;
import org.redflag.console.migration.ReplayFinding;
import org.redflag.console.migration.Severity;

/**
 * The Audit tab's rows: one shape for the replay's verdicts and findings and for the hand catalog's, so the
 * tables show either.
 */
public final class AuditRows {

    private AuditRows() {
    }

    /**
     * One recorded file's verdict.
     *
     * @param effects how many objects the file makes that are checked, or null when unknown
     * @param badge the badge's style class
     */
    public record Verdict(String migration, String verdict, String badge, Integer effects, String sentence) {

        static Verdict of(FileVerdict verdict) {
            return new Verdict(verdict.migration(), verdict.verdict().label(), badge(verdict.verdict()),
                    verdict.verdict() == FileVerdict.Verdict.NOT_REPLAYED ? null : verdict.effects(), verdict.sentence());
        }

        static Verdict of(LegacyVerdict verdict) {
            String files = verdict.files().isEmpty() ? verdict.version() + " (not recorded)"
                    : String.join(", ", verdict.files());
            String badge = switch (verdict.verdict()) {
                case "effects present" -> "badge-success";
                case "FALSE COMPLETE" -> "badge-danger";
                default -> "badge-muted";
            };
            return new Verdict(files, verdict.verdict(), badge, null, "Checked against the hand catalog only.");
        }

        static String badge(FileVerdict.Verdict verdict) {
            return switch (verdict) {
                case EFFECTS_PRESENT -> "badge-success";
                case FALSE_COMPLETE -> "badge-danger";
                case DRIFTED -> "badge-warning";
                case NOT_REPLAYED -> "badge-muted";
            };
        }
    }

    /**
     * One finding; the definitions are null where the object is missing (or no script makes it), and always
     * for the hand catalog's findings, which have none.
     *
     * @param repairSql the steps that repair it, as SQL, or "" when there are none
     * @param replayed true for a finding of the replay (with definitions), false for the hand catalog's
     */
    public record Finding(Severity severity, String migration, String kind, String sentence, String objectKey,
            String targetDefinition, String replayDefinition, String repairSql, boolean replayed) {

        static Finding of(ReplayFinding finding) {
            String repair = finding.repair().stream()
                    .map(s -> "-- " + s.sentence() + (s.outsideTransaction() ? " (outside a transaction)" : "") + "\n"
                            + s.sql() + ";")
                    .collect(Collectors.joining("\n\n"));
            return new Finding(finding.severity(), finding.migration(), finding.kind().label(), finding.sentence(),
                    finding.objectKey(), finding.targetDefinition(), finding.replayDefinition(), repair, true);
        }

        static Finding of(org.redflag.console.migration.Finding finding) {
            return new Finding(finding.severity(), finding.migration(), finding.kind().label(), finding.sentence(),
                    null, null, null, "", false);
        }
    }
}
