package app.goblina.launcher.processes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Cheap probes for "is it up yet?" and "is this port free?". */
final class Readiness {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private Readiness() {
    }

    /** Whether {@code GET url} answers 200 right now. */
    static boolean answersOk(HttpClient http, URI url) {
        return status(http, url) == 200;
    }

    /** The status {@code GET url} answers with right now, or -1 when nothing answers. */
    static int status(HttpClient http, URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(PROBE_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Whether something accepts TCP connections on the loopback interface at {@code port}. */
    static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a server could listen on {@code port} on all interfaces, as the API and the dashboard do. Checked
     * before starting anything, because a busy port otherwise shows up as a stack trace deep in a child's log.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nobody listens on right now, chosen by the operating system. */
    static int anyFreePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
