package org.redflag.console.fleet;

/** An order of the Agents list: a column, either way; ties go by id in the same direction. */
public record AgentOrder(AgentSort by, boolean descending) {

    /** The list's order when none is chosen: hostname, A to Z. */
    public static final AgentOrder BY_HOSTNAME = new AgentOrder(AgentSort.HOSTNAME, false);

    public AgentOrder {
        by = by == null ? AgentSort.HOSTNAME : by;
    }
}
