package org.redflag.console.ui.operations;

import org.redflag.console.ui.ViewRequest;

/**
 * Open the Operations view filtered: {@code status} is a command status ("pending", "sent", "running"…) or
 * null for every status in flight, {@code commandType} a command type or null, {@code stuckOnly} keeps the
 * commands sent or received longer ago than the timeout.
 */
public record OperationsRequest(String status, String commandType, boolean stuckOnly) implements ViewRequest {

    public static OperationsRequest inFlight() {
        return new OperationsRequest(null, null, false);
    }

    public static OperationsRequest stuck() {
        return new OperationsRequest(null, null, true);
    }

    @Override
    public String view() {
        return "Operations";
    }
}
