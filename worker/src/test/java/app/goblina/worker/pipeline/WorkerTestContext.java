package app.goblina.worker.pipeline;

import app.goblina.domain.StyleGuide;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.StyleGuideJson;
import app.goblina.persistence.TenantRepository;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.worker.providers.VideoContractMedia;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The worker's beans on a fresh database of a real PostgreSQL and a temporary blob folder, with no background
 * server: tests call stages themselves and inspect what they enqueued.
 */
public final class WorkerTestContext implements AutoCloseable {

    public final TestDatabase database;
    public final Path blobRoot;
    public final Path workDir;
    public final ApplicationContext context;
    public final UUID tenantId = UUID.randomUUID();

    public WorkerTestContext() throws IOException {
        this(Map.of());
    }

    /** With more configuration, e.g. a provider adapter pointed at its fake. */
    public WorkerTestContext(Map<String, Object> extra) throws IOException {
        this(TestPostgres.newDatabase(), extra);
    }

    /** On a database of the test's choosing, e.g. one on a PostgreSQL it stops and starts again. */
    public WorkerTestContext(TestDatabase database, Map<String, Object> extra) throws IOException {
        this.database = database;
        blobRoot = Files.createTempDirectory("goblina-worker-blobs");
        workDir = Files.createTempDirectory("goblina-worker-work");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", database.username());
        properties.put("datasources.default.password", database.password());
        properties.put("goblina.storage.kind", "local");
        properties.put("goblina.storage.local-root", blobRoot.toString());
        properties.put("goblina.worker.run-server", false);
        properties.put("goblina.worker.work-dir", workDir.toString());
        properties.putAll(extra);
        context = ApplicationContext.run(properties);
        context.getBean(TenantRepository.class).insertIfAbsent(tenantId, "worker test " + tenantId, 100_000);
    }

    /** A character of this tenant whose image is stored and whose analysis is done: ready for projects. */
    public UUID readyCharacter() {
        UUID characterId = UUID.randomUUID();
        String key = BlobKeys.characterImage(tenantId, characterId, "png");
        bean(BlobStore.class).put(key, VideoContractMedia.characterPng(), "image/png");
        bean(CharacterRepository.class).save(CharacterRow.analyzing(characterId, tenantId, "Ms. Goblina",
                key, "image/png", "sha", 64, 96));
        bean(CharacterRepository.class).markReady(characterId, tenantId, StyleGuideJson.write(new StyleGuide(
                "green goblin", "3D cartoon", VideoContractMedia.PALETTE, List.of("sassy"))), "local");
        return characterId;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Runs one SQL statement, for setting up or rewinding state as a crash would leave it. */
    public int execute(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jobs JobRunr holds under this id, in any state. */
    public long jobsWithId(UUID jobId) {
        return count("SELECT count(*) FROM jobrunr_jobs WHERE id = ?", jobId.toString());
    }

    public long blobFiles(String under) throws IOException {
        Path dir = blobRoot.resolve("objects").resolve(under);
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    public long workFiles() throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            return files.filter(p -> !p.equals(workDir)).count();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    @Override
    public void close() {
        context.close();
    }
}
