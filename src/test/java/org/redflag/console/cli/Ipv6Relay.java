package org.redflag.console.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Listens on [::1] and passes every byte both ways to a port on 127.0.0.1: an IPv6 address for an IPv4 server. */
final class Ipv6Relay implements AutoCloseable {

    private final ServerSocket listening;

    private Ipv6Relay(ServerSocket listening) {
        this.listening = listening;
    }

    static Ipv6Relay to(int ipv4Port) throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        Ipv6Relay relay = new Ipv6Relay(listening);
        Thread accepting = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket server = new Socket(InetAddress.getByName("127.0.0.1"), ipv4Port);
                    pipe(client.getInputStream(), server.getOutputStream(), server);
                    pipe(server.getInputStream(), client.getOutputStream(), client);
                } catch (IOException e) {
                    return;
                }
            }
        }, "ipv6-relay");
        accepting.setDaemon(true);
        accepting.start();
        return relay;
    }

    int port() {
        return listening.getLocalPort();
    }

    private static void pipe(InputStream from, OutputStream to, Socket closeAtEnd) {
        Thread copying = new Thread(() -> {
            try (closeAtEnd) {
                from.transferTo(to);
            } catch (IOException e) {
                // The other side closed; closing this one ends the copy the other way.
            }
        }, "ipv6-relay-copy");
        copying.setDaemon(true);
        copying.start();
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }
}
