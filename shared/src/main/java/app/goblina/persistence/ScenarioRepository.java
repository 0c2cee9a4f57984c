package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Scenarios of a project, within one tenant. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScenarioRepository extends GenericRepository<ScenarioRow, UUID> {

    /** Inserts unless the project already has a scenario at that index: writing twice leaves one set. */
    @Query("INSERT INTO scenarios (id, tenant_id, project_id, idx, title, action, caption, prompt, seconds) "
            + "VALUES (:id, :tenantId, :projectId, :index, :title, :action, :caption, :prompt, :seconds) "
            + "ON CONFLICT (project_id, idx) DO NOTHING")
    int insertIfAbsent(UUID id, UUID tenantId, UUID projectId, int index, String title, String action, String caption,
            String prompt, int seconds);

    @Query("SELECT * FROM scenarios WHERE project_id = :projectId AND tenant_id = :tenantId ORDER BY idx")
    List<ScenarioRow> findByProject(UUID projectId, UUID tenantId);

    Optional<ScenarioRow> findByIdAndTenantId(UUID id, UUID tenantId);

    /** Narration asked for: every scenario of the project waits for its audio. */
    @Query("UPDATE scenarios SET narration_status = 'PENDING' WHERE project_id = :projectId AND tenant_id = :tenantId "
            + "AND narration_status IS NULL")
    int requireNarration(UUID projectId, UUID tenantId);

    @Query("UPDATE scenarios SET narration_status = 'READY', narration_key = :key WHERE id = :id AND tenant_id = :tenantId "
            + "AND narration_status = 'PENDING'")
    int markNarrated(UUID id, UUID tenantId, String key);

    @Query("UPDATE scenarios SET narration_status = 'FAILED' WHERE id = :id AND tenant_id = :tenantId AND narration_status = 'PENDING'")
    int markNarrationFailed(UUID id, UUID tenantId);

    /**
     * A new line for a scene: its next generation, and, when the scene is narrated, a new narration to speak. The
     * previous narration's file stays the scene's until the new one is ready.
     */
    @Query("UPDATE scenarios SET caption = :caption, generation = generation + 1, "
            + "narration_status = CASE WHEN narration_status IS NULL THEN NULL ELSE 'PENDING' END "
            + "WHERE id = :id AND tenant_id = :tenantId AND generation = :generation")
    int rewriteLine(UUID id, UUID tenantId, int generation, String caption);

    @Query("SELECT count(*) FROM scenarios WHERE project_id = :projectId AND tenant_id = :tenantId AND narration_status = 'PENDING'")
    long countNarrationPending(UUID projectId, UUID tenantId);
}
