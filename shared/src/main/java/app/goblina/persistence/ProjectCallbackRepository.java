package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Completion callbacks, one per project, always within one tenant. The row is inserted in the project's own
 * transaction, so a project that ends with a callback WAITING or SENDING owes it, whatever crashed in between; the
 * sweeper finds those ({@link #findOwedIdle}). Changes are conditional on the row not being settled.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProjectCallbackRepository extends GenericRepository<ProjectCallbackRow, UUID> {

    @Query("INSERT INTO project_callbacks (project_id, tenant_id, url) VALUES (:projectId, :tenantId, :url) "
            + "ON CONFLICT (project_id) DO NOTHING")
    int insertIfAbsent(UUID projectId, UUID tenantId, String url);

    @Query("SELECT * FROM project_callbacks WHERE project_id = :projectId AND tenant_id = :tenantId")
    Optional<ProjectCallbackRow> findByProject(UUID projectId, UUID tenantId);

    /** WAITING → SENDING with the event; an event already fixed by an earlier attempt is kept as it is. */
    @Query("UPDATE project_callbacks SET state = 'SENDING', event_type = COALESCE(event_type, :eventType), "
            + "webhook_id = COALESCE(webhook_id, :webhookId), payload = COALESCE(payload, :payload), updated_at = now() "
            + "WHERE project_id = :projectId AND tenant_id = :tenantId AND state IN ('WAITING', 'SENDING')")
    int fixEvent(UUID projectId, UUID tenantId, String eventType, String webhookId, String payload);

    /** After a failed attempt: when the next one is due. */
    @Query("UPDATE project_callbacks SET next_attempt_at = :nextAttemptAt, updated_at = now() "
            + "WHERE project_id = :projectId AND tenant_id = :tenantId AND state = 'SENDING'")
    int scheduleNext(UUID projectId, UUID tenantId, @Nullable Instant nextAttemptAt);

    @Query("UPDATE project_callbacks SET state = 'DELIVERED', delivered_at = now(), next_attempt_at = NULL, "
            + "updated_at = now() WHERE project_id = :projectId AND tenant_id = :tenantId AND state IN ('WAITING', 'SENDING')")
    int markDelivered(UUID projectId, UUID tenantId);

    @Query("UPDATE project_callbacks SET state = 'FAILED', failure_reason = :reason, next_attempt_at = NULL, "
            + "updated_at = now() WHERE project_id = :projectId AND tenant_id = :tenantId AND state IN ('WAITING', 'SENDING')")
    int markFailed(UUID projectId, UUID tenantId, String reason);

    /**
     * Callbacks owed by projects that ended and were not touched for a while: their delivery job may never have been
     * enqueued (a crash between the status change and the enqueue), or was lost. The sweeper makes it live again.
     */
    @Query("SELECT c.* FROM project_callbacks c JOIN projects p ON p.id = c.project_id AND p.tenant_id = c.tenant_id "
            + "WHERE c.state IN ('WAITING', 'SENDING') AND p.status IN ('DONE', 'FAILED', 'CANCELLED') "
            + "AND p.updated_at < now() - make_interval(secs => :idleSeconds) "
            + "AND c.updated_at < now() - make_interval(secs => :idleSeconds) ORDER BY p.updated_at LIMIT :limit")
    List<ProjectCallbackRow> findOwedIdle(long idleSeconds, int limit);
}
