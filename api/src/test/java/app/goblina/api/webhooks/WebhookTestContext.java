package app.goblina.api.webhooks;

import app.goblina.jobs.JobIds;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.fakes.fal.FalWebhookSigner;
import app.goblina.testkit.fakes.video.LoopbackServer;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.video.StandardWebhooks;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running API on a fresh database of a real PostgreSQL, with both providers' webhook secrets configured and one
 * tenant with a project, whose clips each test adds. No worker runs: polls are only enqueued, and counted here in
 * JobRunr's table.
 */
final class WebhookTestContext implements AutoCloseable {

    final String soraSecret = StandardWebhooks.newSecret();
    final String replicateSecret = StandardWebhooks.newSecret();
    /** Signs fal deliveries; its JWKS is served by {@link #falKeys}, which the API is pointed at. */
    final FalWebhookSigner falSigner = new FalWebhookSigner("user-fal-test");
    final LoopbackServer falKeys = new LoopbackServer(request -> Reply.status(404))
            .route("GET", "/.well-known/jwks.json", request -> Reply.json(200, falSigner.jwks())).start();
    final TestDatabase database;
    final EmbeddedServer server;
    final UUID tenant = UUID.randomUUID();
    final UUID project = UUID.randomUUID();
    private final AtomicInteger scenes = new AtomicInteger();

    WebhookTestContext() throws IOException {
        database = TestPostgres.newDatabase();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", database.username());
        properties.put("datasources.default.password", database.password());
        properties.put("goblina.storage.kind", "local");
        properties.put("goblina.storage.local-root", Files.createTempDirectory("goblina-webhook-blobs").toString());
        properties.put("goblina.sora.webhook-secret", soraSecret);
        properties.put("goblina.replicate.webhook-secret", replicateSecret);
        properties.put("goblina.fal.jwks-url", falKeys.baseUrl() + "/.well-known/jwks.json");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        insertProject();
    }

    /** A running clip of the project at {@code provider} (an adapter name) under {@code providerJobId}. */
    UUID clip(String provider, String providerJobId) {
        UUID scene = UUID.randomUUID();
        UUID clip = UUID.randomUUID();
        execute("INSERT INTO scenarios (id, tenant_id, project_id, idx, title, action, caption, prompt, seconds) "
                + "VALUES (?, ?, ?, ?, 't', 'a', 'c', 'p', 4)", scene, tenant, project, scenes.getAndIncrement());
        execute("INSERT INTO clips (id, tenant_id, project_id, scenario_id, provider, model, provider_job_id, status) "
                + "VALUES (?, ?, ?, ?, ?, 'a-model', ?, 'RUNNING')", clip, tenant, project, scene, provider, providerJobId);
        return clip;
    }

    URI url(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    /** Poll jobs a webhook enqueued for {@code clip}: at most one, whatever the number of deliveries. */
    long webhookPolls(UUID clip) {
        return count("SELECT count(*) FROM jobrunr_jobs WHERE id = ?", JobIds.of(clip, "poll-0").toString());
    }

    long allJobs() {
        return count("SELECT count(*) FROM jobrunr_jobs");
    }

    long deliveries() {
        return count("SELECT count(*) FROM webhook_deliveries");
    }

    @Override
    public void close() {
        falKeys.close();
        server.close();
    }

    private void insertProject() {
        UUID character = UUID.randomUUID();
        execute("INSERT INTO tenants (id, name) VALUES (?, 'webhook tenant ' || gen_random_uuid())", tenant);
        execute("INSERT INTO characters (id, tenant_id, name, image_key, image_media_type, image_sha256, image_width, "
                + "image_height, status) VALUES (?, ?, 'Ms. Goblina', 'k', 'image/png', 'sha', 300, 400, 'READY')",
                character, tenant);
        execute("INSERT INTO projects (id, tenant_id, character_id, topic, preset, scenario_count, clip_seconds, width, "
                + "height, fps, status, stage) VALUES (?, ?, ?, 'baristas', 'sassy', 8, 4, 1080, 1920, 30, 'GENERATING', "
                + "'clips')", project, tenant, character);
    }

    private void execute(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            if (e.getMessage().contains("jobrunr_jobs")) {
                return 0;
            }
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
