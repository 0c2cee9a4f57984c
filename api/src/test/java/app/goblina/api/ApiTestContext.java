package app.goblina.api;

import app.goblina.persistence.ApiKeyRepository;
import app.goblina.persistence.TenantRepository;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.fakes.video.StandardWebhooks;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A running API on a fresh database of a real PostgreSQL and a temporary blob folder, with two tenants and their
 * keys. No worker runs: jobs are only enqueued, which the tests can count.
 */
final class ApiTestContext implements AutoCloseable {

    /** Small, so the oversized-upload test sends one megabyte, not ten. */
    static final long MAX_UPLOAD_BYTES = 1_048_576;

    final TestDatabase database;
    final Path blobRoot;
    final EmbeddedServer server;
    final String keyA;
    final String keyB;
    final UUID tenantA = UUID.randomUUID();
    final UUID tenantB = UUID.randomUUID();
    final String replicateWebhookSecret = StandardWebhooks.newSecret();
    /** Opens /admin/...: a random 43-character key per context. */
    final String adminKey = ApiKeys.newKey("");
    private final Map<String, Object> properties;

    ApiTestContext() throws IOException {
        this(TestPostgres.newDatabase());
    }

    /** The API on {@code database}, which the caller provides (and may stop and start again). */
    ApiTestContext(TestDatabase database) throws IOException {
        this(database, Map.of());
    }

    /** The API on {@code database} with {@code extra} configuration on top of the test defaults. */
    ApiTestContext(TestDatabase database, Map<String, Object> extra) throws IOException {
        this.database = database;
        blobRoot = Files.createTempDirectory("goblina-api-blobs");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", database.username());
        properties.put("datasources.default.password", database.password());
        properties.put("goblina.storage.kind", "local");
        properties.put("goblina.storage.local-root", blobRoot.toString());
        properties.put("goblina.uploads.max-bytes", MAX_UPLOAD_BYTES);
        properties.put("goblina.replicate.webhook-secret", replicateWebhookSecret);
        properties.put("goblina.admin.api-key", adminKey);
        // a client that stops sending is cut off after this long (30 s in production)
        properties.put("micronaut.server.read-idle-timeout", "2s");
        properties.putAll(extra);
        this.properties = Map.copyOf(properties);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        TenantRepository tenants = server.getApplicationContext().getBean(TenantRepository.class);
        keyA = ApiKeys.newKey("gob_test_");
        keyB = ApiKeys.newKey("gob_test_");
        // limits no test reaches unless it lowers them (setLimits)
        tenants.insertIfAbsent(tenantA, "tenant a " + tenantA, 100_000, 100_000, 1_000, 10_000);
        tenants.insertIfAbsent(tenantB, "tenant b " + tenantB, 100_000, 100_000, 1_000, 10_000);
        tenants.insertKeyIfAbsent(UUID.randomUUID(), tenantA, ApiKeys.hash(keyA), "test");
        tenants.insertKeyIfAbsent(UUID.randomUUID(), tenantB, ApiKeys.hash(keyB), "test");
    }

    /** A second API on the same database and blob folder, as another replica behind a load balancer would be. */
    EmbeddedServer startReplica() {
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    URI url(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    /** Rows in every table a request could write, jobs in JobRunr's table, and files in blob storage. */
    Map<String, Long> writtenState() {
        Map<String, Long> state = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement()) {
            for (String table : new String[] {"tenants", "api_keys", "audit_events", "characters", "projects", "scenarios", "clips",
                "renders", "project_callbacks", "callback_attempts", "callback_secrets", "jobrunr_jobs"}) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    state.put(table, rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            if (e.getMessage().contains("jobrunr_jobs")) {
                state.put("jobrunr_jobs", 0L);
            } else {
                throw new IllegalStateException(e);
            }
        }
        try (Stream<Path> files = Files.walk(blobRoot)) {
            state.put("blobs", files.filter(Files::isRegularFile).count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    /** A key of {@code tenant} that worked once and is now revoked. */
    String revokedKey(UUID tenant) {
        String key = ApiKeys.newKey("gob_test_");
        server.getApplicationContext().getBean(TenantRepository.class)
                .insertKeyIfAbsent(UUID.randomUUID(), tenant, ApiKeys.hash(key), "revoked");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var statement = connection.prepareStatement("UPDATE api_keys SET revoked_at = now() WHERE key_hash = ?")) {
            statement.setString(1, ApiKeys.hash(key));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return key;
    }

    /** A key of {@code tenant} whose expiry passed a minute ago. */
    String expiredKey(UUID tenant) {
        String key = ApiKeys.newKey("gob_test_");
        server.getApplicationContext().getBean(ApiKeyRepository.class).insert(UUID.randomUUID(), tenant,
                ApiKeys.hash(key), "expired", key.substring(0, 13), Instant.now().minusSeconds(60));
        return key;
    }

    /** A further tenant with these limits and one key, which this answers. */
    String tenantWithKey(int requestsPerMinutePerKey, int projectsInFlightMax, int uploadsPerDayMax) {
        UUID tenant = UUID.randomUUID();
        String key = ApiKeys.newKey("gob_test_");
        TenantRepository tenants = server.getApplicationContext().getBean(TenantRepository.class);
        tenants.insertIfAbsent(tenant, "tenant " + tenant, 100_000, requestsPerMinutePerKey, projectsInFlightMax, uploadsPerDayMax);
        tenants.insertKeyIfAbsent(UUID.randomUUID(), tenant, ApiKeys.hash(key), "test");
        return key;
    }

    /** Sets the tenant's requests per minute per key, projects in flight and uploads per day, as an admin would. */
    void setLimits(UUID tenant, int requestsPerMinutePerKey, int projectsInFlightMax, int uploadsPerDayMax) {
        update("UPDATE tenants SET requests_per_minute_per_key = ?, projects_in_flight_max = ?, uploads_per_day_max = ? "
                + "WHERE id = ?", requestsPerMinutePerKey, projectsInFlightMax, uploadsPerDayMax, tenant);
    }

    /** Marks the project ended, as a worker finishing it would. */
    void finishProject(UUID project) {
        update("UPDATE projects SET status = 'DONE' WHERE id = ?", project);
    }

    void setDailyBudget(UUID tenant, long cents) {
        update("UPDATE tenants SET daily_budget_cents = ? WHERE id = ?", cents, tenant);
    }

    /** One statement on the test's database, outside the API, as an operator's SQL would be. */
    private void update(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
