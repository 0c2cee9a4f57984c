package app.goblina.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Starts zonky's embedded PostgreSQL in this JVM, on a free port; zonky's own shutdown hook stops it and deletes its
 * data.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root (as in CI containers), zonky runs the server in a user
 * namespace ({@code unshare -U}) where it is the unprivileged {@code nobody}; that needs user namespaces enabled in
 * the kernel and a {@code nobody} entry in {@code /etc/passwd}, as on Debian and Ubuntu.
 */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    /** Blocks until the server accepts connections; throws {@link UncheckedIOException} if it does not start. */
    static PostgresServer start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            return new PostgresServer(url, "postgres", "", "embedded PostgreSQL 17 (zonky) at " + url, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }
}
