package org.redflag.console.ui.history;

import org.redflag.console.history.HistoryFilter;
import org.redflag.console.ui.ViewRequest;

/** Open the History view with this filter (a chart bar of failed docker scans, an agent's errors…). */
public record HistoryRequest(HistoryFilter filter) implements ViewRequest {

    @Override
    public String view() {
        return "History";
    }
}
