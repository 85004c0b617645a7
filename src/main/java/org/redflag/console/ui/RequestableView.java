package org.redflag.console.ui;

/** A view that another view can open in a given state: the window hands it the request after showing it. */
public interface RequestableView {

    void open(ViewRequest request);
}
