package org.redflag.console.ui.migrations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redflag.console.migration.ReplayReport;
import org.redflag.console.migration.Severity;

/** The Audit tab's words: summaries, server versions, a statement's first line. */
final class AuditTexts {

    private static final Pattern POSTGRES_VERSION = Pattern.compile("^(PostgreSQL \\S+)");

    private AuditTexts() {
    }

    static String summaryOf(ReplayReport report) {
        if (report.findings().isEmpty()) {
            return "Clean: every recorded file's effects are present; no findings.";
        }
        String counts = plural(count(report, Severity.ERROR), "error") + ", " + plural(count(report, Severity.WARNING),
                "warning") + ", " + plural(count(report, Severity.NOTE), "note");
        return report.clean() ? "Clean: the database is what its record claims. About the scripts: "
                + plural(report.findings().size(), "finding") + " (" + counts + ")."
                : plural(report.findings().size(), "finding") + ": " + counts;
    }

    private static int count(ReplayReport report, Severity severity) {
        return (int) report.findings().stream().filter(f -> f.severity() == severity).count();
    }

    static String shortVersion(String versionText) {
        if (versionText == null) {
            return "PostgreSQL (unknown version)";
        }
        Matcher m = POSTGRES_VERSION.matcher(versionText);
        return m.find() ? m.group(1) : versionText;
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("").strip();
        boolean more = line.length() > 80 || sql.strip().lines().count() > 1;
        return (line.length() > 80 ? line.substring(0, 79) : line) + (more ? " …" : "");
    }
}
