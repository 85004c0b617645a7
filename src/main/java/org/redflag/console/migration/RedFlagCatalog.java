package org.redflag.console.migration;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redflag.console.migration.ExpectedEffect.CheckOnColumn;
import org.redflag.console.migration.ExpectedEffect.Column;
import org.redflag.console.migration.ExpectedEffect.Index;
import org.redflag.console.migration.ExpectedEffect.Table;

/**
 * What the RedFlag server's own migrations (run by its Go runner, recorded by file name in
 * {@code schema_migrations}) are supposed to leave behind. Matched by version prefix, since the files were
 * renamed over time but never renumbered. Migrations not listed here are reported as unknown.
 */
public final class RedFlagCatalog {

    /** One RedFlag migration and its expected effects. */
    public record LegacyMigration(String version, String description, List<ExpectedEffect> effects) {
        public LegacyMigration {
            effects = List.copyOf(effects);
        }

        /** "021 (create storage metrics)" */
        public String label() {
            return version + " (" + description + ")";
        }
    }

    private static final Pattern VERSION_PREFIX = Pattern.compile("^0*(\\d+?)([a-z]?)(?:_|\\.|$)");

    private static final List<LegacyMigration> KNOWN = List.of(
            new LegacyMigration("015", "agent subsystems", List.of(new Table("agent_subsystems"))),
            new LegacyMigration("016", "agent update packages", List.of(
                    new Table("agent_update_packages"),
                    new Column("agents", "machine_id"))),
            new LegacyMigration("017", "unique machine id", List.of(
                    new Index("agents", "idx_agents_machine_id_unique", true, "machine_id",
                            "machine_id IS NOT NULL", true))),
            new LegacyMigration("018", "metrics and docker images", List.of(
                    new Table("metrics"),
                    new Table("docker_images"))),
            new LegacyMigration("019", "system events", List.of(new Table("system_events"))),
            new LegacyMigration("021", "create storage metrics", List.of(
                    new Table("storage_metrics"),
                    new Index("storage_metrics", null, false, "agent_id, mountpoint, created_at DESC", null, false))),
            new LegacyMigration("022", "add subsystem to logs", List.of(
                    new Column("update_logs", "subsystem"),
                    new CheckOnColumn("update_logs", "subsystem"))),
            new LegacyMigration("023", "client errors", List.of(new Table("client_errors"))),
            new LegacyMigration("023a", "command idempotency", List.of(
                    new Column("agent_commands", "idempotency_key"),
                    new Index("agent_commands", "idx_agent_pending_subsystem", true, null, null, true))));

    private RedFlagCatalog() {
    }

    public static List<LegacyMigration> known() {
        return KNOWN;
    }

    public static Optional<LegacyMigration> find(String version) {
        return KNOWN.stream().filter(m -> m.version().equals(version)).findFirst();
    }

    /**
     * "021_create_storage_metrics.up.sql" → "021", "23a_x.up.sql" → "023a": three digits as RedFlag numbers its
     * files, so "21_x" and "021_x" are the same version. Empty for names that do not start with a number.
     */
    public static Optional<String> versionOf(String fileName) {
        Matcher matcher = VERSION_PREFIX.matcher(fileName.strip().toLowerCase(Locale.ROOT));
        if (!matcher.find()) {
            return Optional.empty();
        }
        String digits = matcher.group(1);
        String padded = digits.length() >= 3 ? digits : "0".repeat(3 - digits.length()) + digits;
        return Optional.of(padded + matcher.group(2));
    }
}
