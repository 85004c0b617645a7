package org.redflag.console.app;

import java.util.Optional;
import org.redflag.console.scan.ScanRoute;

/** The RedFlag server's trigger route, when the settings name a server. */
final class ScanRoutes {

    private ScanRoutes() {
    }

    static Optional<ScanRoute> from(ConsoleSettings settings) {
        return Optional.empty();
    }
}
