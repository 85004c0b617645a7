package org.redflag.console.updates;

/** An install the console will not queue, with the sentence that says why (the role, the schema). */
public final class InstallRefused extends Exception {

    private static final long serialVersionUID = 1L;

    public InstallRefused(String message) {
        super(message);
    }
}
