package org.redflag.console.scan;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of agent_commands. The id is always the database's: the console never makes one up.
 *
 * @param summary the agent's one-line result (result->>'summary'), or null while there is none
 */
public record AgentCommand(
        UUID id,
        UUID agentId,
        String commandType,
        CommandStatus status,
        String source,
        Instant createdAt,
        Instant sentAt,
        Instant completedAt,
        UUID retriedFromId,
        String summary) {

    public Optional<Subsystem> subsystem() {
        return Subsystem.fromCommandType(commandType);
    }

    /** "storage" for a scan, the raw command type for anything else. */
    public String what() {
        return subsystem().map(Subsystem::id).orElse(commandType);
    }
}
