package app.goblina.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running PostgreSQL server that hands out one new database per test. Thread-safe; its methods block on the
 * server.
 */
final class PostgresServer {

    private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

    private final String adminJdbcUrl;
    private final String username;
    private final String password;
    private final String description;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    /**
     * @param adminJdbcUrl a JDBC URL of any database on the server, used to run {@code CREATE DATABASE}
     * @param dropCreatedOnExit whether to drop this JVM's databases at exit: a shared server would otherwise fill
     *     up, while a container or an embedded server goes away with everything in it
     */
    PostgresServer(String adminJdbcUrl, String username, String password, String description,
            boolean dropCreatedOnExit) {
        this.adminJdbcUrl = adminJdbcUrl;
        this.username = username;
        this.password = password;
        this.description = description;
        if (dropCreatedOnExit) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreated, "goblina-test-databases-drop"));
        }
    }

    /** Creates {@code goblina_t_<random>} and returns how to reach it; throws {@link IllegalStateException} if refused. */
    TestDatabase createDatabase() {
        String name = "goblina_t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE DATABASE " + name);
        created.add(name);
        return new TestDatabase(withDatabase(adminJdbcUrl, name), username, password);
    }

    String description() {
        return description;
    }

    /** The same JDBC URL, host and parameters, pointing at another database. */
    static String withDatabase(String jdbcUrl, String database) {
        Matcher url = POSTGRES_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql://host[:port][/database] URL: " + jdbcUrl);
        }
        return url.group(1) + "/" + database + (url.group(3) == null ? "" : url.group(3));
    }

    private void dropCreated() {
        for (String name : created) {
            try {
                // FORCE: a pool the test left open must not keep its database alive.
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (IllegalStateException e) {
                // The server may already be gone at exit; the database is then someone else's to clean.
            }
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + description + ": " + e.getMessage(), e);
        }
    }
}
