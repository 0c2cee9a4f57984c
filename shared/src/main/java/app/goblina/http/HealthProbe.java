package app.goblina.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container's health check, for images without a shell or curl (docker compose's {@code healthcheck} runs a
 * command inside the container):
 *
 * <pre>java -cp @/app/jib-classpath-file app.goblina.http.HealthProbe http://127.0.0.1:8080/health</pre>
 *
 * <p>Exits 0 when the URL answers 200 within 3 s, else 1, printing what it got. Orchestrators that probe over HTTP
 * themselves (Kubernetes) do not need it.
 */
public final class HealthProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private HealthProbe() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HealthProbe URL");
            System.exit(2);
        }
        System.exit(probe(URI.create(args[0])));
    }

    /** 0 when {@code url} answers 200, else 1; prints the status or the error. */
    static int probe(URI url) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            System.out.println(url + " answered " + response.statusCode());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            System.out.println(url + " did not answer: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
