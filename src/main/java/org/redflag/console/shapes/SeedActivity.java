package org.redflag.console.shapes;

import static org.redflag.console.shapes.SeedStatements.PARAMS;
import static org.redflag.console.shapes.SeedStatements.rnd;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The set-based SQL for what agents did: agent_commands and update_logs rows, in the shapes RedFlag's
 * server and agents write them for the generation at hand. Parameters of each statement: now, seed.
 */
final class SeedActivity {

    /** v0.1.18's command types (SCHEMA.md (d)). */
    static final List<String> V0118_COMMANDS = List.of(
            "scan_updates", "collect_specs", "install_updates", "dry_run_update", "enable_heartbeat", "reboot");
    /** The later generation's: per-subsystem scans, plus the types both know. */
    static final List<String> LATER_COMMANDS = List.of(
            "scan_storage", "scan_system", "scan_docker", "scan_apt", "scan_updates", "enable_heartbeat",
            "install_updates", "reboot");

    static final List<String> V0118_ACTIONS = List.of(
            "scan_updates", "scan_updates", "scan_updates", "install_updates", "dry_run", "enable_heartbeat", "reboot");
    static final List<String> LATER_ACTIONS = List.of(
            "scan_updates", "scan_storage", "scan_system", "scan_docker", "scan_apt", "install_updates", "dry_run",
            "reboot");

    private SeedActivity() {
    }

    /**
     * {@code count} commands. Command k goes to agent (k-1) mod N, in round r = (k-1) / N, with type
     * (agent + r) mod T: within the first N*T commands every (agent, type) pair occurs once, so only those
     * may be pending, which keeps 023a's one-pending-per-(agent, type) index satisfied.
     */
    static String commands(boolean later, boolean expiresAt, boolean updatedAt, int agents, int count) {
        List<String> types = later ? LATER_COMMANDS : V0118_COMMANDS;
        int t = types.size();
        // The later server stores expires_at = now + 4 h at insert (026); updated_at follows each change (032).
        String laterColumns = (expiresAt ? ", expires_at" : "") + (updatedAt ? ", updated_at" : "");
        String laterValues = (expiresAt ? ", created_at + interval '4 hours'" : "")
                + (updatedAt ? ", coalesce(completed_at, sent_at, created_at)" : "");
        return PARAMS + """
                , g AS (
                    SELECT k, p.now, a.id AS agent_id, a.os_type,
                           (%s)[1 + (((k - 1) %% %d) + (k - 1) / %d) %% %d] AS base_type,
                           (k - 1) / %d < %d AS first_round,
                           %s AS roll,
                           %s AS age_seconds,
                           5 + %s AS run_seconds
                      FROM p CROSS JOIN generate_series(1, %d) AS k
                      JOIN seed_agent a ON a.n = ((k - 1) %% %d) + 1
                ), s AS (
                    SELECT g.*,
                           -- Windows agents get the Windows flavour of the package scan (trigger route mapping).
                           CASE WHEN os_type = 'windows' AND base_type = 'scan_apt' THEN 'scan_windows'
                                ELSE base_type END AS command_type,
                           CASE WHEN roll < 15 AND first_round THEN 'pending'
                                WHEN roll < 25 THEN 'sent'
                                WHEN roll < 40 THEN 'failed'
                                ELSE 'completed' END AS status
                      FROM g
                ), t AS (
                    SELECT s.*,
                           -- Pending commands are recent (not yet expired); the others up to a week old.
                           now - make_interval(secs => CASE WHEN status = 'pending' THEN age_seconds %% 3600
                                                            ELSE age_seconds END) AS created_at
                      FROM s
                ), u AS (
                    SELECT t.*,
                           CASE WHEN status <> 'pending' THEN created_at + make_interval(secs => 2 + roll %% 30) END AS sent_at
                      FROM t
                ), v AS (
                    SELECT u.*,
                           CASE WHEN status IN ('completed', 'failed')
                                THEN sent_at + make_interval(secs => run_seconds) END AS completed_at
                      FROM u
                )
                INSERT INTO agent_commands (agent_id, command_type, params, status, created_at, sent_at, completed_at,
                                            result, source%s)
                SELECT agent_id, command_type,
                       CASE WHEN %s AND command_type LIKE 'scan\\_%%' AND command_type <> 'scan_updates'
                            THEN jsonb_build_object('subsystem', CASE command_type
                                     WHEN 'scan_apt' THEN 'updates' WHEN 'scan_windows' THEN 'updates'
                                     ELSE substring(command_type FROM 6) END)
                            ELSE '{}'::jsonb END,
                       status, created_at, sent_at, completed_at,
                       CASE status
                           WHEN 'completed' THEN jsonb_build_object('exit_code', 0, 'duration_seconds', run_seconds,
                                                                    'stdout', command_type || ' finished')
                           WHEN 'failed' THEN jsonb_build_object('exit_code', 1, 'duration_seconds', run_seconds,
                                                                 'stderr', command_type || ': exit status 1')
                       END,
                       CASE WHEN command_type IN ('enable_heartbeat', 'disable_heartbeat') THEN 'system'
                            ELSE 'manual' END%s
                  FROM v
                """.formatted(array(types), agents, agents, t, agents, t,
                rnd("k", 1, 100), rnd("k", 2, 7 * 86400), rnd("k", 3, 300), count, agents,
                laterColumns, later, laterValues);
    }

    /**
     * {@code count} history rows over the last 30 days, on random agents. With a subsystem column (022),
     * scan actions carry the subsystem the 022 back-fill would give them, other actions NULL.
     */
    static String history(boolean later, boolean subsystemColumn, int agents, int count) {
        List<String> actions = later ? LATER_ACTIONS : V0118_ACTIONS;
        return PARAMS + """
                , g AS (
                    SELECT j, p.now, a.id AS agent_id,
                           CASE WHEN a.os_type = 'windows' AND base_action = 'scan_apt' THEN 'scan_windows'
                                ELSE base_action END AS action,
                           roll, duration, age_seconds, found
                      FROM (SELECT j,
                                   1 + %s AS agent_n,
                                   (%s)[1 + %s] AS base_action,
                                   %s AS roll,
                                   1 + %s AS duration,
                                   %s AS age_seconds,
                                   %s AS found
                              FROM p CROSS JOIN generate_series(1, %d) AS j) AS r
                      JOIN seed_agent a ON a.n = r.agent_n
                      CROSS JOIN p
                ), h AS (
                    SELECT g.*,
                           CASE WHEN roll < 80 THEN 'success' WHEN roll < 92 THEN 'failed' ELSE 'partial' END AS result
                      FROM g
                )
                INSERT INTO update_logs (agent_id, action, result, stdout, stderr, exit_code, duration_seconds,
                                         executed_at%s)
                SELECT agent_id, action, result,
                       CASE WHEN action LIKE 'scan\\_%%' THEN action || ': ' || found || ' items found'
                            WHEN action = 'reboot' THEN 'Reboot scheduled'
                            ELSE action || ': ' || found || ' packages processed' END,
                       CASE result WHEN 'success' THEN ''
                                   WHEN 'failed' THEN action || ': exit status 1'
                                   ELSE action || ': ' || (1 + found %% 3) || ' packages could not be processed' END,
                       CASE result WHEN 'success' THEN 0 WHEN 'failed' THEN 1 ELSE 2 END,
                       duration,
                       now - make_interval(secs => age_seconds)%s
                  FROM h
                """.formatted(rnd("j", 1, agents), array(actions), rnd("j", 2, actions.size()), rnd("j", 3, 100),
                rnd("j", 4, 300), rnd("j", 5, 30 * 86400), rnd("j", 6, 40), count,
                subsystemColumn ? ", subsystem" : "", subsystemColumn ? ",\n" + SUBSYSTEM_OF_ACTION : "");
    }

    /** The mapping of 022's back-fill: unknown scans (scan_windows…) and non-scans stay NULL. */
    static final String SUBSYSTEM_OF_ACTION = """
            CASE action
                WHEN 'scan_docker' THEN 'docker'
                WHEN 'scan_storage' THEN 'storage'
                WHEN 'scan_system' THEN 'system'
                WHEN 'scan_apt' THEN 'apt'
                WHEN 'scan_dnf' THEN 'dnf'
                WHEN 'scan_winget' THEN 'winget'
                WHEN 'scan_updates' THEN 'updates'
            END""";

    private static String array(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "ARRAY[", "]"));
    }
}
