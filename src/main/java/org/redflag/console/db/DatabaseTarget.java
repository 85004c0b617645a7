package org.redflag.console.db;

import java.nio.file.Path;
import java.util.Objects;

/** Where the console's data lives: a PostgreSQL server someone gave us, or one we run ourselves. */
public sealed interface DatabaseTarget {

    /** A short, password-free description for the status bar and logs. */
    String describe();

    /**
     * An embedded PostgreSQL (a real server from a jar) keeping its files in {@code dataDirectory}.
     *
     * @param port 0 to take any free port
     */
    record Embedded(Path dataDirectory, int port) implements DatabaseTarget {
        public Embedded {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
        }

        @Override
        public String describe() {
            return "embedded";
        }
    }

    /**
     * An existing server, reached through a pgjdbc URL; the user may be null (pgjdbc then uses the OS user).
     * The TLS settings replace the URL's parameters of the same name.
     */
    record Server(String jdbcUrl, String user, TlsSettings tls) implements DatabaseTarget {
        public Server {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            tls = tls == null ? TlsSettings.NONE : tls;
        }

        /** The URL's own TLS parameters, if any, or pgjdbc's defaults. */
        public Server(String jdbcUrl, String user) {
            this(jdbcUrl, user, TlsSettings.NONE);
        }

        @Override
        public String describe() {
            return JdbcUrls.hostAndDatabase(jdbcUrl);
        }
    }
}
