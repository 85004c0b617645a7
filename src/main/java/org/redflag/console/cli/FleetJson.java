package org.redflag.console.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.scan.AgentCommand;

/** The --json shapes of history rows and commands, with the database's column names as keys. */
final class FleetJson {

    private FleetJson() {
    }

    static Map<String, Object> entry(HistoryEntry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", entry.id().toString());
        row.put("executed_at", entry.executedAt());
        row.put("agent_id", entry.agentId() == null ? null : entry.agentId().toString());
        row.put("hostname", entry.hostname());
        row.put("subsystem", entry.subsystem());
        row.put("action", entry.action());
        row.put("result", entry.result());
        row.put("exit_code", entry.exitCode());
        row.put("duration_seconds", entry.durationSeconds());
        row.put("stdout", entry.stdout());
        row.put("stderr", entry.stderr());
        return row;
    }

    static Map<String, Object> command(AgentCommand command) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", command.id().toString());
        row.put("agent_id", command.agentId().toString());
        row.put("command_type", command.commandType());
        row.put("status", command.status().id());
        row.put("source", command.source());
        row.put("created_at", command.createdAt());
        return row;
    }
}
