package org.redflag.console.ui;

/** Shows the view a request names, in the state it asks for: what a tile or a link holds instead of the window. */
@FunctionalInterface
public interface Navigator {

    void open(ViewRequest request);

    /** For views shown on their own (tests, tools): requests go nowhere. */
    static Navigator nowhere() {
        return request -> { };
    }
}
