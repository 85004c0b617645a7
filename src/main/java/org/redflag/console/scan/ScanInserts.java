package org.redflag.console.scan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** How one schema turns a scan request into exactly one queued command, however many ask at once. */
interface ScanInserts {

    /**
     * Queues the scan, or finds the one already queued.
     *
     * @return empty when the agent does not exist or cannot run that scan (nothing was written)
     */
    Optional<ScanOutcome> enqueue(Connection c, UUID agentId, Subsystem subsystem, String source, UUID retriedFromId)
            throws SQLException;
}
