package org.redflag.console.app;

import java.util.Optional;
import java.util.UUID;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.ScanRoute;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.server.RedFlagServerClient;
import org.redflag.console.server.ServerRefused;
import org.redflag.console.server.ServerUnavailable;

/** The RedFlag server's trigger route as the scan service's {@link ScanRoute}, when the settings name a server. */
final class ScanRoutes {

    private ScanRoutes() {
    }

    static Optional<ScanRoute> from(ConsoleSettings settings) {
        return settings.server().map(connection -> through(new RedFlagServerClient(connection)));
    }

    static ScanRoute through(RedFlagServerClient client) {
        return new ScanRoute() {
            @Override
            public UUID trigger(UUID agentId, Subsystem subsystem) throws ScanRefused {
                try {
                    return client.triggerScan(agentId, subsystem.id());
                } catch (ServerRefused refused) {
                    throw new ScanRefused(refused.getMessage());
                } catch (ServerUnavailable unavailable) {
                    throw new ScanRoute.Unavailable(unavailable.getMessage(), unavailable);
                }
            }

            @Override
            public String describe() {
                return client.connection().baseUrl().toString();
            }
        };
    }
}
