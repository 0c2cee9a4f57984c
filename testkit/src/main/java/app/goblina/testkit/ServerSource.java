package app.goblina.testkit;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * Where a test server comes from, tried in this order:
 *
 * <ol>
 *   <li>{@link #ENVIRONMENT}: an environment variable names a running server. CI points it at the machine's own
 *       PostgreSQL or Redis, which is the fastest and closest to production, and a developer can do the same.</li>
 *   <li>{@link #TESTCONTAINERS}: Docker is reachable, so the server runs in a throw-away container of the same
 *       image as production.</li>
 *   <li>{@link #EMBEDDED}: neither, so the server runs from binaries shipped in a Maven artifact, started once per
 *       JVM and stopped by a shutdown hook. It needs nothing installed, which keeps {@code mvn test} working on any
 *       machine.</li>
 * </ol>
 */
public enum ServerSource {
    ENVIRONMENT,
    TESTCONTAINERS,
    EMBEDDED;

    /** Chooses the source for a server whose address may be given in {@code variable}. Blocks while Docker is probed. */
    static ServerSource choose(String variable) {
        if (environment(variable).isPresent()) {
            return ENVIRONMENT;
        }
        return DockerProbe.AVAILABLE ? TESTCONTAINERS : EMBEDDED;
    }

    /** The value of an environment variable, empty when it is unset or blank. */
    static Optional<String> environment(String variable) {
        return Optional.ofNullable(System.getenv(variable)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** Asks Docker once per JVM: the probe can take a second and logs its failure loudly. */
    private static final class DockerProbe {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }
}
