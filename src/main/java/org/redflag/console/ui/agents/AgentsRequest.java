package org.redflag.console.ui.agents;

import org.redflag.console.ui.ViewRequest;

/**
 * Open the Agents view filtered: each field is one of the view's filters, null where the request leaves it
 * open. {@code presence} is "online", "offline" or "stale" (not seen for {@code Presence.STALE_AFTER}).
 */
public record AgentsRequest(String presence, String os, String agentVersion, Boolean rebootRequired)
        implements ViewRequest {

    public static AgentsRequest all() {
        return new AgentsRequest(null, null, null, null);
    }

    @Override
    public String view() {
        return "Agents";
    }
}
