package org.redflag.console.scan;

/**
 * A scan, cancel or retry the console will not do, with a sentence for the user that says why and what
 * to do instead. A refusal is an answer, not a failure: nothing was written.
 */
public final class ScanRefused extends Exception {

    public ScanRefused(String message) {
        super(message);
    }
}
