package org.redflag.console.profiles;

/** The profiles file could not be read or written; the message is the one sentence the user reads. */
public final class ProfileProblem extends Exception {

    public ProfileProblem(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
