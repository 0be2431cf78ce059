package dk.overblik.overview.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder to a server that can freeze the connections it carries: from then on they pass
 * nothing, in either direction, and stay open, as a half-open connection after a failover does.
 * Connections made after the freeze pass as usual.
 */
final class FreezingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();

    FreezingProxy(String host, int port) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Connection connection = new Connection(client, new Socket(host, port));
                    connections.add(connection);
                    connection.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "freezing-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The connections open now pass nothing more. */
    void freezeOpenConnections() {
        connections.forEach(c -> c.frozen = true);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Connection c : connections) {
            c.client.close();
            c.upstream.close();
        }
    }

    private static final class Connection {
        final Socket client;
        final Socket upstream;
        volatile boolean frozen;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() throws IOException {
            pump(client.getInputStream(), upstream.getOutputStream());
            pump(upstream.getInputStream(), client.getOutputStream());
        }

        private void pump(InputStream in, OutputStream out) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        // Frozen: what arrives is swallowed, as by a peer that is gone without a word.
                        if (!frozen) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "freezing-proxy-pump");
            pump.setDaemon(true);
            pump.start();
        }
    }
}
