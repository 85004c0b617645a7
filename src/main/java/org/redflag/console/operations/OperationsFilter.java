package org.redflag.console.operations;

import java.util.EnumSet;
import java.util.Set;
import org.redflag.console.scan.CommandStatus;

/**
 * Which commands the Operations view lists, applied in SQL.
 *
 * @param statuses    the statuses to list; empty lists every status
 * @param commandType one command type, or null for every type
 * @param stuckOnly   only commands taken longer ago than the timeout and not answered
 */
public record OperationsFilter(Set<CommandStatus> statuses, String commandType, boolean stuckOnly) {

    public OperationsFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        commandType = commandType == null || commandType.isBlank() ? null : commandType.strip();
    }
}
