package org.redflag.console.cli;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.fleet.AgentRepository.PageKey;

/**
 * Finds the one agent a person or a script means by "HOST|ID": an agent id, or an exact hostname
 * (case-insensitive). Hostnames are not unique in RedFlag, so two agents of that name are refused with
 * their ids rather than guessed between.
 */
final class AgentLookup {

    /**
     * The smallest UUID: a page key just before every agent of a given hostname. (An agent whose id is the
     * nil UUID itself can only be named by that id.)
     */
    private static final UUID BEFORE_ALL_IDS = new UUID(0L, 0L);
    /** How many namesakes to list when a hostname is ambiguous. */
    private static final int NAMESAKES_SHOWN = 5;

    private final AgentRepository agents;

    AgentLookup(AgentRepository agents) {
        this.agents = agents;
    }

    Agent resolve(String hostOrId) throws SQLException, FleetSubcommand.Refusal {
        String wanted = hostOrId.strip();
        Optional<UUID> id = asUuid(wanted);
        if (id.isPresent()) {
            Optional<Agent> byId = agents.find(id.get());
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        List<Agent> named = namesakes(wanted);
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.isEmpty()) {
            if (id.isPresent()) {
                throw new FleetSubcommand.Refusal("No agent with the id " + wanted + " in this database; "
                        + "`agents --json` lists the agents with their ids.");
            }
            throw new FleetSubcommand.Refusal("No agent called " + wanted + " in this database; `agents --search "
                    + wanted + "` lists similar names.");
        }
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < Math.min(named.size(), NAMESAKES_SHOWN); i++) {
            ids.append(i == 0 ? "" : ", ").append(named.get(i).id());
        }
        throw new FleetSubcommand.Refusal(named.size() + (named.size() > NAMESAKES_SHOWN ? " or more" : "")
                + " agents are called " + wanted + "; give the one you mean by its id (" + ids + ").");
    }

    /**
     * Agents whose hostname is exactly {@code hostname}, ignoring case. The page starts at that hostname in
     * the (lower(hostname), id) order, so namesakes come first and at most one page is read.
     */
    private List<Agent> namesakes(String hostname) throws SQLException {
        String lower = hostname.toLowerCase(Locale.ROOT);
        List<Agent> page = agents.page(hostname, new PageKey(hostname, BEFORE_ALL_IDS), NAMESAKES_SHOWN + 1);
        return page.stream().filter(a -> a.hostname().toLowerCase(Locale.ROOT).equals(lower)).toList();
    }

    private static Optional<UUID> asUuid(String text) {
        if (text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
