package org.redflag.console.ui.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.redflag.console.scan.Subsystem;

/**
 * What became of each scan asked for on one agent from the list, newest first, one line per subsystem: asking
 * for storage and then for system shows both ("system queued · storage completed 12:04"), so no answer hides
 * another.
 */
public record RowScans(List<Request> requests) {

    /**
     * One subsystem's latest request on the agent.
     *
     * @param busy     the request is on its way to the database (the button waits)
     * @param settled  the command reached a final state: nothing more will change, so it is not read again
     */
    public record Request(Subsystem subsystem, String text, boolean busy, UUID commandId, boolean settled) {

        static Request sending(Subsystem subsystem) {
            return new Request(subsystem, subsystem + " …", true, null, false);
        }

        /** Still worth reading again when the database says a command changed. */
        boolean watched() {
            return commandId != null && !settled;
        }
    }

    static final RowScans NONE = new RowScans(List.of());

    public RowScans {
        requests = List.copyOf(requests);
    }

    /** A new request: it becomes the newest, replacing the subsystem's earlier one. */
    RowScans asked(Request request) {
        List<Request> next = new ArrayList<>();
        next.add(request);
        requests.stream().filter(r -> r.subsystem() != request.subsystem()).forEach(next::add);
        return new RowScans(next);
    }

    /** News of a request already shown: it keeps its place, so an answer does not reorder the line. */
    RowScans updated(Request request) {
        if (of(request.subsystem()) == null) {
            return asked(request);
        }
        return new RowScans(requests.stream()
                .map(r -> r.subsystem() == request.subsystem() ? request : r)
                .toList());
    }

    /** The subsystem's request, or null when none was asked for from this list. */
    Request of(Subsystem subsystem) {
        return requests.stream().filter(r -> r.subsystem() == subsystem).findFirst().orElse(null);
    }

    /** The row's line: each request's fate, newest first. */
    public String text() {
        return requests.stream().map(Request::text).collect(Collectors.joining(" · "));
    }

    /** Whether a request for this subsystem is still on its way (its button waits). */
    public boolean busy(Subsystem subsystem) {
        Request request = of(subsystem);
        return request != null && request.busy();
    }

    /** The same, one request per line, for the tooltip that shows the whole story when the cell is narrow. */
    public String lines() {
        return requests.stream().map(Request::text).collect(Collectors.joining("\n"));
    }
}
