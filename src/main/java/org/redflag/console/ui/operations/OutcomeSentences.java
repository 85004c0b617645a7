package org.redflag.console.ui.operations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.redflag.console.operations.Operation;
import org.redflag.console.operations.OperationsService;
import org.redflag.console.ui.Formats;

/** What a cancel, retry or archive of many commands did, in the sentence the view shows beside its buttons. */
final class OutcomeSentences {

    private OutcomeSentences() {
    }

    /** "Cancelled 2 of 3 commands; 1 had already moved on (…) and was left as it was." */
    static String cancelled(OperationsService.CancelOutcome result) {
        int movedOn = result.movedOn();
        return "Cancelled " + result.cancelled().size() + " of " + count(result.requested()) + (movedOn == 0 ? "."
                : "; " + movedOn + " had already moved on (taken by the agent, finished or removed) and "
                        + leftAlone(movedOn));
    }

    /** "Retry: 1 queued; storage on web-01 was already queued (since 12:03), so nothing new was queued." */
    static String retried(OperationsService.RetryOutcome result, List<Operation> chosen, Clock clock) {
        List<String> parts = new ArrayList<>();
        parts.add(result.queued() + " queued");
        result.alreadyQueued().forEach(o -> parts.add(o.command().what() + " on " + hostOf(chosen, o.command().agentId())
                + " was already queued (since " + Formats.clockTime(o.command().createdAt(), clock)
                + "), so nothing new was queued"));
        if (!result.notRetried().isEmpty()) {
            parts.add(result.notRetried().size() + " not retried");
        }
        return "Retry: " + String.join("; ", parts) + ".";
    }

    /** "Archived 2 commands; 1 no longer failed or timed out, left as it was." */
    static String archived(int asked, int archived) {
        int movedOn = asked - archived;
        return "Archived " + count(archived) + (movedOn == 0 ? "."
                : "; " + movedOn + " no longer failed or timed out, " + leftAlone(movedOn));
    }

    static String count(long n) {
        return n + (n == 1 ? " command" : " commands");
    }

    private static String leftAlone(int n) {
        return n == 1 ? "was left as it was." : "were left as they were.";
    }

    private static String hostOf(List<Operation> chosen, UUID agentId) {
        return chosen.stream().filter(o -> agentId.equals(o.agentId()) && o.hostname() != null)
                .map(Operation::hostname).findFirst().orElse("its agent");
    }
}
