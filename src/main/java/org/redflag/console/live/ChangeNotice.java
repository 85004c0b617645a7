package org.redflag.console.live;

import java.util.Optional;
import java.util.UUID;

/**
 * Something changed in the database: a command or a history row of an agent (from a trigger's NOTIFY); many
 * rows of a table at once (a bulk statement, announced once); or, from the slow poll, possibly anything (table
 * null), so that views catch up on notifications that were lost.
 *
 * @param many a statement changed many rows of {@code table}: whatever a view shows of it may have changed
 */
public record ChangeNotice(String table, UUID agentId, UUID commandId, boolean many) {

    private static final ChangeNotice POLL = new ChangeNotice(null, null, null, false);
    /** The trigger's agent field for "many rows" (V10). */
    private static final String MANY = "*";

    public ChangeNotice(String table, UUID agentId, UUID commandId) {
        this(table, agentId, commandId, false);
    }

    public static ChangeNotice poll() {
        return POLL;
    }

    public boolean isPoll() {
        return table == null;
    }

    /**
     * True when a view cannot tell what changed and should reload what it shows in one query: the slow poll,
     * or a statement that changed many rows.
     */
    public boolean reloadsEverything() {
        return isPoll() || many;
    }

    /** True when a view that shows this agent should look again. */
    public boolean concernsAgent(UUID agent) {
        return reloadsEverything() || agent.equals(agentId);
    }

    /** True when a view that shows this command should look again. */
    public boolean concernsCommand(UUID command) {
        return reloadsEverything() || command.equals(commandId);
    }

    /** Parses the trigger's payload "table,agent_id,command_id" (empty fields for nulls; "table,*," for many). */
    static Optional<ChangeNotice> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        String[] parts = payload.split(",", -1);
        if (parts.length != 3 || parts[0].isBlank()) {
            return Optional.empty();
        }
        if (MANY.equals(parts[1])) {
            return Optional.of(new ChangeNotice(parts[0], null, null, true));
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
