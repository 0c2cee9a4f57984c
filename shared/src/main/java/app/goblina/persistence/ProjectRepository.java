package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Projects, always within one tenant. Status changes are conditional updates (WHERE status = :from) so that
 * two workers, or a worker and a cancel, can never both move the same project: the loser sees 0 rows.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProjectRepository extends GenericRepository<ProjectRow, UUID> {

    ProjectRow save(ProjectRow row);

    Optional<ProjectRow> findByIdAndTenantId(UUID id, UUID tenantId);

    /** Newest first; {@code offset}/{@code limit} paging. */
    @Query("SELECT * FROM projects WHERE tenant_id = :tenantId ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
    List<ProjectRow> listNewestFirst(UUID tenantId, int limit, long offset);

    long countByTenantId(UUID tenantId);

    /** The tenant's projects not yet DONE, FAILED or CANCELLED: what its projects-in-flight limit counts. */
    @Query("SELECT count(*) FROM projects WHERE tenant_id = :tenantId AND status IN ('QUEUED', 'WRITING', 'GENERATING', 'ASSEMBLING')")
    long countUnfinished(UUID tenantId);

    /** Projects waiting for their character's analysis. */
    @Query("SELECT * FROM projects WHERE tenant_id = :tenantId AND character_id = :characterId AND status = 'QUEUED'")
    List<ProjectRow> findQueuedForCharacter(UUID tenantId, UUID characterId);

    @Query("UPDATE projects SET status = :to, stage = :stage, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = :from")
    int transition(UUID id, UUID tenantId, String from, String to, String stage);

    /**
     * DONE → GENERATING for a regeneration, the one way back from DONE: counts the regeneration and adds what it is
     * expected to cost to the project's estimate. 0 when the project is not DONE (nothing changes then).
     */
    @Query("UPDATE projects SET status = 'GENERATING', stage = 'CLIPS', generation = generation + 1, "
            + "estimate_cents = estimate_cents + :extraCents, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'DONE' AND generation = :generation")
    int regenerate(UUID id, UUID tenantId, int generation, long extraCents);

    /** Any running status → FAILED, keeping the stage it failed in and why. */
    @Query("UPDATE projects SET status = 'FAILED', stage = :stage, failure_reason = :reason, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status IN ('QUEUED', 'WRITING', 'GENERATING', 'ASSEMBLING')")
    int fail(UUID id, UUID tenantId, String stage, String reason);

    /** Any running status → CANCELLED. */
    @Query("UPDATE projects SET status = 'CANCELLED', updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status IN ('QUEUED', 'WRITING', 'GENERATING', 'ASSEMBLING')")
    int cancel(UUID id, UUID tenantId);

    /** Projects in a running status not touched for a while: the sweeper re-enqueues their next job. */
    @Query("SELECT * FROM projects WHERE status IN ('QUEUED', 'WRITING', 'GENERATING', 'ASSEMBLING') "
            + "AND updated_at < now() - make_interval(secs => :idleSeconds) ORDER BY updated_at LIMIT :limit")
    List<ProjectRow> findIdleRunning(long idleSeconds, int limit);
}
