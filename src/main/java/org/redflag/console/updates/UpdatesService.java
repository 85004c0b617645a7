package org.redflag.console.updates;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.DatabaseRole;

/**
 * The fleet's pending updates and installing them, with the rules scans follow: the database role and a
 * read-only profile decide whether the console may queue, and where RedFlag's server must sign commands the
 * console does not write them itself.
 */
public final class UpdatesService {

    /** Why nothing is listed where the schema keeps no package data. */
    public static final String NO_PACKAGE_DATA = "This database keeps no pending packages (RedFlag's "
            + "current_package_state, from its migration 003, is missing): there is nothing to list or install.";

    /**
     * Where the server signs commands, agents reject a row the console wrote. Scans go through the server's
     * subsystem trigger route; RedFlag's API as the console knows it (SCHEMA.md) has no install route to ask.
     */
    public static final String SIGNED_INSTALLS_OFF = "Installing is off for this database: its RedFlag server "
            + "signs every command, and agents reject an install the console wrote itself. Approve the update in "
            + "RedFlag's own web interface.";

    private final UpdatesRepository repository;
    private final Capabilities capabilities;

    public UpdatesService(UpdatesRepository repository, Capabilities capabilities) {
        this.repository = repository;
        this.capabilities = capabilities;
    }

    public boolean hasPackageData() {
        return repository.hasPackageData();
    }

    /** Why installs cannot be queued from this console on this database, or empty when they can. */
    public Optional<String> installsOff() {
        if (!repository.hasPackageData()) {
            return Optional.of(NO_PACKAGE_DATA);
        }
        DatabaseRole role = capabilities.role();
        return role.profileRefusal()
                .or(() -> capabilities.scansNeedTheServer() ? Optional.of(SIGNED_INSTALLS_OFF) : Optional.empty())
                .or(() -> role.refusal(DatabaseRole.Action.QUEUE));
    }

    public List<PackageGroup> groups(UpdatesFilter filter, PackageGroup after, int limit) throws SQLException {
        return repository.groups(filter, after, limit);
    }

    public List<AffectedAgent> agents(PackageKey key, AffectedAgent after, int limit) throws SQLException {
        return repository.agents(key, after, limit);
    }

    /**
     * Queues the package's install on the given agents, or on every agent that has it pending when
     * {@code agentIds} is null; each agent gets it at most once, however often or from how many consoles asked.
     *
     * @throws InstallRefused when the role, the profile or the schema does not allow it (nothing is written)
     */
    public InstallOutcome install(PackageKey key, Collection<UUID> agentIds) throws InstallRefused, SQLException {
        Optional<String> off = installsOff();
        if (off.isPresent()) {
            throw new InstallRefused(off.get());
        }
        if (agentIds != null && agentIds.isEmpty()) {
            throw new InstallRefused("No agents are selected: select agents in the list, or install on all of them.");
        }
        return repository.install(key, agentIds);
    }
}
