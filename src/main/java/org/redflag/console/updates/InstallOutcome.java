package org.redflag.console.updates;

/**
 * What "Install on these agents" did.
 *
 * @param requested     agents asked for: the selection, or every agent of the group
 * @param pending       of those, agents that still have the package pending (the others were left out)
 * @param queued        of those, agents that got a new install command
 * @param alreadyQueued agents that had an install of this package queued already (they keep it)
 * @param busy          agents with another package's install queued: the schema allows one active install per agent
 */
public record InstallOutcome(PackageKey key, long requested, long pending, long queued, long alreadyQueued,
        long busy) {

    public long noLongerPending() {
        return requested - pending;
    }
}
