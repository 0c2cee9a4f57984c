package app.goblina.testkit;

import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL server for tests, which hands out a fresh, empty database to each caller so that tests never see
 * each other's rows and can run in parallel.
 *
 * <p>The server is found once per JVM, in the order of {@link ServerSource}: the server named by
 * {@code GOBLINA_TEST_DATABASE_URL} (a JDBC URL of any database on it, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, with {@code GOBLINA_TEST_DATABASE_USER}, default
 * {@code postgres}, and {@code GOBLINA_TEST_DATABASE_PASSWORD}, default empty; the user must be allowed to create
 * databases), else a {@code postgres:17-alpine} container, else zonky's embedded PostgreSQL 17.
 *
 * <p>Both methods block: the first call may start a server, which takes a few seconds.
 */
public final class TestPostgres {

    static final String URL_VARIABLE = "GOBLINA_TEST_DATABASE_URL";
    static final String USER_VARIABLE = "GOBLINA_TEST_DATABASE_USER";
    static final String PASSWORD_VARIABLE = "GOBLINA_TEST_DATABASE_PASSWORD";
    private static final String IMAGE = "postgres:17-alpine";

    private TestPostgres() {
    }

    /**
     * Creates a new empty database ({@code goblina_t_<random>}) on the test server.
     *
     * @throws IllegalStateException when no server can be started or it refuses to create the database
     */
    public static TestDatabase newDatabase() {
        return Server.INSTANCE.createDatabase();
    }

    /** Which server the databases are made on, for logs, e.g. "PostgreSQL from GOBLINA_TEST_DATABASE_URL ...". */
    public static String describe() {
        return Server.INSTANCE.description();
    }

    /** Starts or finds the server on first use only, so a test run that needs no database pays nothing. */
    private static final class Server {
        static final PostgresServer INSTANCE = find();

        private static PostgresServer find() {
            return switch (ServerSource.choose(URL_VARIABLE)) {
                case ENVIRONMENT -> fromEnvironment();
                case TESTCONTAINERS -> inContainer();
                case EMBEDDED -> EmbeddedPostgresServer.start();
            };
        }

        private static PostgresServer fromEnvironment() {
            String url = ServerSource.environment(URL_VARIABLE).orElseThrow();
            String user = ServerSource.environment(USER_VARIABLE).orElse("postgres");
            String password = ServerSource.environment(PASSWORD_VARIABLE).orElse("");
            return new PostgresServer(url, user, password, "PostgreSQL from " + URL_VARIABLE + " at " + url, true);
        }

        @SuppressWarnings("resource") // Testcontainers' reaper removes the container when the JVM exits.
        private static PostgresServer inContainer() {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE);
            container.start();
            return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "PostgreSQL in a Testcontainers " + IMAGE + " container at " + container.getJdbcUrl(), false);
        }
    }
}
