package app.goblina.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port nobody listens on right now, for servers that must be told their port before they start. */
public final class FreePort {

    private FreePort() {
    }

    /** Binds port 0 on 127.0.0.1 and returns what the kernel picked; another process could take it before we do. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free loopback port", e);
        }
    }
}
