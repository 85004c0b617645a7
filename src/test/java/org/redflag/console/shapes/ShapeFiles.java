package org.redflag.console.shapes;

import java.util.List;

/** The file names each shape must run and record, in RedFlag's byte-wise order, written out by hand. */
final class ShapeFiles {

    private ShapeFiles() {
    }

    static final List<String> V0118 = List.of(
            "001_initial_schema.up.sql",
            "003_create_update_tables.up.sql",
            "004_fix_update_logs_package_fk.up.sql",
            "005_add_dependency_statuses.up.sql",
            "006_add_command_statuses.up.sql",
            "007_widen_package_state_status.up.sql",
            "008_create_refresh_tokens.up.sql",
            "009_add_agent_version_tracking.up.sql",
            "009_add_retry_tracking.up.sql",
            "010_add_archived_failed_status.up.sql",
            "011_create_registration_tokens.up.sql",
            "012_add_token_seats.up.sql",
            "012_create_admin_user.up.sql",
            "013_add_reboot_tracking.up.sql",
            "014_add_command_source.up.sql");

    static final List<String> LATER = List.of(
            "015_agent_subsystems.up.sql",
            "016_agent_update_packages.up.sql",
            "017_add_machine_id.up.sql",
            "018_create_metrics_and_docker_tables.up.sql",
            "019_create_system_events.up.sql",
            "020_add_command_signatures.up.sql",
            "021_create_storage_metrics.up.sql",
            "022_add_subsystem_to_logs.up.sql",
            "023_client_error_logging.up.sql",
            "023a_command_deduplication.up.sql",
            "024_disable_updates_subsystem.up.sql",
            "025_add_key_id_to_commands.up.sql",
            "026_add_command_expiry.up.sql",
            "029_add_retry_count.up.sql",
            "032_add_command_updated_at.up.sql",
            "033_add_received_status.up.sql");
}
