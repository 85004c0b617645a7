package org.redflag.console.schema;

/**
 * One thing a database can or cannot do, found in its catalog rather than believed from a migration record:
 * RedFlag databases recorded as "up to 033" may lack what a failed file should have made, and real ones
 * carry more than any one generation. Each constant says what the repositories do differently with it.
 */
public enum Feature {
    /** agent_subsystems (RedFlag 015, console V1): per-agent subsystems, enabled or not. */
    SUBSYSTEMS_TABLE("subsystems table"),
    /** update_logs.subsystem (RedFlag 022, console V1); without it the subsystem comes from the action. */
    LOG_SUBSYSTEM("history subsystem column"),
    /** update_logs.metadata (console only): where a console error keeps host, user and its key. */
    LOG_METADATA("history metadata column"),
    /** update_logs.idempotency_key (console V6): a spooled error replays exactly once by this key. */
    LOG_IDEMPOTENCY_KEY("console error key"),
    /** RedFlag 023a's unique idx_agent_pending_subsystem: one pending command per agent and type. */
    ONE_PENDING_INDEX("one pending command per agent and type (023a)"),
    /** The console's V2 index: one pending-or-sent command per agent and type. */
    ONE_ACTIVE_INDEX("one active command per agent and type"),
    /** agent_commands.signature (RedFlag 020). */
    SIGNATURE_COLUMN("command signature column"),
    /** RedFlag 020 plus an active signing key: the server signs every command and agents reject unsigned ones. */
    SIGNED_COMMANDS("signed commands"),
    /** The command status 'received' (RedFlag 033). */
    RECEIVED_STATUS("received status (033)"),
    /** The command status 'archived_failed' (RedFlag 010). */
    ARCHIVED_FAILED_STATUS("archived failed status"),
    /** agents.current_version (RedFlag 009): what check-ins report, where agent_version is from registration. */
    CURRENT_VERSION("current_version"),
    /** agents.reboot_required (RedFlag 013, console V1). */
    REBOOT_REQUIRED("reboot required"),
    /** agent_commands.idempotency_key (RedFlag 023a). */
    COMMAND_IDEMPOTENCY_KEY("command idempotency key"),
    /** agent_commands.expires_at (RedFlag 026): the later server gives new commands four hours. */
    COMMAND_EXPIRES_AT("command expiry"),
    /** storage_metrics (RedFlag 021, console V1). */
    STORAGE_METRICS("storage metrics"),
    /** storage_latest (console V19): each disk's newest storage figure, kept by triggers on storage_metrics. */
    STORAGE_LATEST("newest storage figure per disk"),
    /** docker_images (RedFlag 018, console V1, in different shapes). */
    DOCKER_IMAGES("docker images"),
    /** system_info (console V1): the newest system scan of each agent. */
    SYSTEM_INFO("system info"),
    /** agent_specs (RedFlag 001): the agent's hardware as its system scan reported it. */
    AGENT_SPECS("agent specs"),
    /** current_package_state (RedFlag 003): the event-sourced package state. */
    PACKAGE_STATE("package state"),
    /** The console's change-notification triggers (console V3, or the console's companion schema). */
    LIVE_TRIGGERS("live change notifications");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
