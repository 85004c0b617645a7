package org.redflag.console.fleet;

/** What a list of agents shows: which agents, in which order. */
public record AgentQuery(AgentFilter filter, AgentOrder order) {

    public AgentQuery {
        filter = filter == null ? AgentFilter.all() : filter;
        order = order == null ? AgentOrder.BY_HOSTNAME : order;
    }

    /** Agents whose hostname contains {@code search}, in hostname order. */
    public static AgentQuery search(String search) {
        return new AgentQuery(AgentFilter.search(search), AgentOrder.BY_HOSTNAME);
    }
}
