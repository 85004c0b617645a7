package org.redflag.console.migration;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where a replay audit gets the empty database it replays scripts into. The console starts its own embedded
 * server in a temporary folder ({@link EmbeddedThrowaways}); tests pass an existing server
 * ({@link ServerThrowaways}) so replays take a CREATE DATABASE instead of a server start.
 */
public interface ThrowawayDatabases {

    /** A new, empty database; the caller closes it, which removes it (and whatever server it needed). */
    Throwaway create() throws SQLException;

    /** One throwaway database. Closing it drops it; it must never throw, it runs in finally blocks. */
    interface Throwaway extends AutoCloseable {

        DataSource dataSource();

        /** The database's name, to show and to prove it is gone afterwards. */
        String name();

        @Override
        void close();
    }
}
