package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** Characters, always read and written within one tenant. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CharacterRepository extends GenericRepository<CharacterRow, UUID> {

    CharacterRow save(CharacterRow row);

    Optional<CharacterRow> findByIdAndTenantId(UUID id, UUID tenantId);

    /** ANALYZING → READY with the style guide; 0 when the character had already left ANALYZING. */
    @Query("UPDATE characters SET status = 'READY', style_guide = CAST(:styleGuideJson AS jsonb), analyst = :analyst, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'ANALYZING'")
    int markReady(UUID id, UUID tenantId, String styleGuideJson, String analyst);

    /** ANALYZING → FAILED with a user-readable reason; 0 when it had already left ANALYZING. */
    @Query("UPDATE characters SET status = 'FAILED', failure_reason = :reason, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'ANALYZING'")
    int markFailed(UUID id, UUID tenantId, String reason);

    long countByTenantId(UUID tenantId);

    /** Characters the tenant uploaded since {@code since}: what its daily upload limit counts. */
    @Query("SELECT count(*) FROM characters WHERE tenant_id = :tenantId AND created_at >= :since")
    long countUploadedSince(UUID tenantId, java.time.Instant since);

    /** Characters still ANALYZING long after upload: the sweeper re-enqueues their analysis. */
    @Query("SELECT * FROM characters WHERE status = 'ANALYZING' AND updated_at < now() - make_interval(secs => :idleSeconds) "
            + "ORDER BY updated_at LIMIT :limit")
    java.util.List<CharacterRow> findIdleAnalyzing(long idleSeconds, int limit);
}
