package org.redflag.console.ui;

/**
 * A request to show a view in a given state (a filter, a selection), sent by another view: an Overview tile,
 * a chart bar, a link in a detail pane. The request names its view, so the sender needs no window to send it.
 */
public interface ViewRequest {

    /** The navigation name of the view that answers this request ("Agents", "History"…). */
    String view();
}
