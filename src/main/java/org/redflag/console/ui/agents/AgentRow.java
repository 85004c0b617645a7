package org.redflag.console.ui.agents;

import java.time.Clock;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.Presence;

/** An agent as the table shows it, with its presence judged once, when the page was loaded. */
public record AgentRow(Agent agent, Presence presence) {

    static AgentRow of(Agent agent, Clock clock) {
        return new AgentRow(agent, Presence.of(agent.lastSeen(), clock));
    }
}
