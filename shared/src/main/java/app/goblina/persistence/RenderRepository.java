package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** The render of each project, within one tenant. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RenderRepository extends GenericRepository<RenderRow, UUID> {

    @Query("INSERT INTO renders (id, tenant_id, project_id, status) VALUES (:id, :tenantId, :projectId, 'RENDERING') "
            + "ON CONFLICT (project_id) DO NOTHING")
    int insertIfAbsent(UUID id, UUID tenantId, UUID projectId);

    @Query("SELECT * FROM renders WHERE project_id = :projectId AND tenant_id = :tenantId")
    Optional<RenderRow> findByProject(UUID projectId, UUID tenantId);

    @Query("UPDATE renders SET status = 'READY', blob_key = :blobKey, thumbnail_key = :thumbnailKey, "
            + "duration_seconds = :durationSeconds, width = :width, height = :height, updated_at = now() "
            + "WHERE project_id = :projectId AND tenant_id = :tenantId")
    int markReady(UUID projectId, UUID tenantId, String blobKey, String thumbnailKey, double durationSeconds, int width,
            int height);

    @Query("UPDATE renders SET status = 'FAILED', updated_at = now() WHERE project_id = :projectId AND tenant_id = :tenantId AND status = 'RENDERING'")
    int markFailed(UUID projectId, UUID tenantId);
}
