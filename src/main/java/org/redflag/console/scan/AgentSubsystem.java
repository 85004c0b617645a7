package org.redflag.console.scan;

import java.time.Instant;
import java.util.UUID;

/** One subsystem of one agent, as agent_subsystems holds it. */
public record AgentSubsystem(
        UUID agentId,
        Subsystem subsystem,
        boolean enabled,
        boolean autoRun,
        int intervalMinutes,
        Instant lastRunAt,
        Instant nextRunAt) {
}
