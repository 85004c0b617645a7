package org.redflag.console.schema;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the connected database is and what it can do, found by {@link SchemaProbe}. Repositories choose their
 * SQL from it, so views and services speak one model of RedFlag's data whichever generation is underneath;
 * the console's own schema is one more set of capabilities, not a second world.
 *
 * @param recordedUpTo     RedFlag: the version prefix of the newest file its runner recorded ("033"), if any
 * @param recordedFiles    RedFlag: how many files schema_migrations lists
 * @param logSubsystems    the values update_logs.subsystem admits (RedFlag 022's check); empty when unchecked
 * @param unknownTables    for an unknown schema, a few of its tables, to say what is there
 * @param role             who the console is connected as and what that role may do
 */
public record Capabilities(
        SchemaKind kind,
        Set<Feature> features,
        Optional<String> recordedUpTo,
        int recordedFiles,
        Set<String> logSubsystems,
        List<String> unknownTables,
        DatabaseRole role) {

    public Capabilities {
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        logSubsystems = Set.copyOf(logSubsystems);
        unknownTables = List.copyOf(unknownTables);
    }

    /** The console's own schema as its Flyway scripts make it. */
    public static final Capabilities CONSOLE_SCHEMA = new Capabilities(SchemaKind.CONSOLE,
            EnumSet.of(Feature.SUBSYSTEMS_TABLE, Feature.LOG_SUBSYSTEM, Feature.LOG_METADATA,
                    Feature.LOG_IDEMPOTENCY_KEY, Feature.ONE_ACTIVE_INDEX, Feature.REBOOT_REQUIRED,
                    Feature.STORAGE_METRICS, Feature.STORAGE_LATEST, Feature.DOCKER_IMAGES, Feature.SYSTEM_INFO,
                    Feature.LIVE_TRIGGERS),
            Optional.empty(), 0, Set.of(), List.of(), DatabaseRole.UNCHECKED);

    /** The same database as seen by another role. */
    public Capabilities withRole(DatabaseRole other) {
        return new Capabilities(kind, features, recordedUpTo, recordedFiles, logSubsystems, unknownTables, other);
    }

    public boolean has(Feature feature) {
        return features.contains(feature);
    }

    public boolean isRedFlag() {
        return kind == SchemaKind.REDFLAG;
    }

    public boolean isConsole() {
        return kind == SchemaKind.CONSOLE;
    }

    /** RedFlag before the subsystems table (v0.1.x): it knows one scan, scan_updates. */
    public boolean isFirstGeneration() {
        return isRedFlag() && !has(Feature.SUBSYSTEMS_TABLE);
    }

    /**
     * Whether the console may write a scan straight into agent_commands. Not where the server signs commands:
     * agents reject unsigned rows, so those scans go through the server's trigger route.
     */
    public boolean scansNeedTheServer() {
        return has(Feature.SIGNED_COMMANDS);
    }

    /** Whether update_logs.subsystem may hold this value (a checked column refuses anything else). */
    public boolean logSubsystemAllowed(String subsystem) {
        return has(Feature.LOG_SUBSYSTEM) && (logSubsystems.isEmpty() || logSubsystems.contains(subsystem));
    }

    /** One line for the status bar and {@code check}: "RedFlag schema (recorded up to 033)". */
    public String describe() {
        return switch (kind) {
            case CONSOLE -> "console schema";
            case EMPTY -> "empty database";
            case UNKNOWN -> "unknown schema" + (unknownTables.isEmpty() ? "" : " (tables " + String.join(", ", unknownTables) + ")");
            case REDFLAG -> "RedFlag schema" + recordedUpTo.map(v -> " (recorded up to " + v + ")")
                    .orElse(recordedFiles == 0 ? " (no migration record)" : "")
                    + (isFirstGeneration() ? " · v0.1.x" : "");
        };
    }

    /** The features, in words, for {@code check} and the Migrations view. */
    public List<String> featureLabels() {
        return features.stream().sorted().map(Feature::label).collect(Collectors.toList());
    }

    /** What an administrator should know about this database that the features alone do not say. */
    public List<String> notes() {
        if (!isRedFlag()) {
            return List.of();
        }
        java.util.ArrayList<String> notes = new java.util.ArrayList<>();
        notes.add("The console changes nothing in this RedFlag schema; it reads RedFlag's tables as they are.");
        if (!has(Feature.ONE_PENDING_INDEX)) {
            notes.add("No one-pending-command index (RedFlag 023a): the console serialises its own scan requests "
                    + "with an advisory lock, but other writers can still queue duplicates.");
        }
        if (has(Feature.SIGNED_COMMANDS)) {
            notes.add("Commands are signed by the RedFlag server: scans go through its trigger route (--server-url).");
        }
        if (!has(Feature.LIVE_TRIGGERS)) {
            notes.add("No change notifications: views look for changes every few seconds.");
        }
        return notes;
    }
}
