package org.redflag.console.live;

import java.util.Optional;
import java.util.UUID;

/**
 * Something changed in the database: a command or a history row of an agent (from a trigger's NOTIFY), or,
 * from the slow poll, possibly anything (table null), so that views catch up on notifications that were lost.
 */
public record ChangeNotice(String table, UUID agentId, UUID commandId) {

    private static final ChangeNotice POLL = new ChangeNotice(null, null, null);

    public static ChangeNotice poll() {
        return POLL;
    }

    public boolean isPoll() {
        return table == null;
    }

    /** True when a view that shows this agent should look again. */
    public boolean concernsAgent(UUID agent) {
        return isPoll() || agent.equals(agentId);
    }

    /** True when a view that shows this command should look again. */
    public boolean concernsCommand(UUID command) {
        return isPoll() || command.equals(commandId);
    }

    /** Parses the trigger's payload "table,agent_id,command_id" (empty fields for nulls). */
    static Optional<ChangeNotice> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        String[] parts = payload.split(",", -1);
        if (parts.length != 3 || parts[0].isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ChangeNotice(parts[0], uuid(parts[1]), uuid(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static UUID uuid(String text) {
        return text.isEmpty() ? null : UUID.fromString(text);
    }
}
