package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Clips, within one tenant. Status changes are conditional, like projects'. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ClipRepository extends GenericRepository<ClipRow, UUID> {

    @Query("INSERT INTO clips (id, tenant_id, project_id, scenario_id, provider, model, status) "
            + "VALUES (:id, :tenantId, :projectId, :scenarioId, :provider, :model, 'PENDING') ON CONFLICT (scenario_id, generation) DO NOTHING")
    int insertIfAbsent(UUID id, UUID tenantId, UUID projectId, UUID scenarioId, String provider, String model);

    /** A scene's next clip, at {@code generation} (above 0): a regeneration of a finished scene. */
    @Query("INSERT INTO clips (id, tenant_id, project_id, scenario_id, provider, model, status, generation) "
            + "VALUES (:id, :tenantId, :projectId, :scenarioId, :provider, :model, 'PENDING', :generation) "
            + "ON CONFLICT (scenario_id, generation) DO NOTHING")
    int insertGeneration(UUID id, UUID tenantId, UUID projectId, UUID scenarioId, String provider, String model,
            int generation);

    Optional<ClipRow> findByIdAndTenantId(UUID id, UUID tenantId);

    /**
     * The project's current clips, one per scene in scene order: each scene's highest generation. Earlier
     * generations of a regenerated scene are kept (they were paid for) but are no longer part of the short.
     */
    @Query("SELECT c.* FROM clips c JOIN scenarios s ON s.id = c.scenario_id "
            + "WHERE c.project_id = :projectId AND c.tenant_id = :tenantId "
            + "AND c.generation = (SELECT max(g.generation) FROM clips g WHERE g.scenario_id = c.scenario_id) ORDER BY s.idx")
    List<ClipRow> findByProject(UUID projectId, UUID tenantId);

    /** Every clip of the project, each generation of each scene, oldest generation first. */
    @Query("SELECT c.* FROM clips c JOIN scenarios s ON s.id = c.scenario_id "
            + "WHERE c.project_id = :projectId AND c.tenant_id = :tenantId ORDER BY s.idx, c.generation")
    List<ClipRow> findEveryGenerationOfProject(UUID projectId, UUID tenantId);

    /** PENDING → SUBMITTING: the intent to pay is on record before the provider is called. */
    @Query("UPDATE clips SET status = 'SUBMITTING', attempts = attempts + 1, submit_intent_at = now(), updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'PENDING'")
    int recordSubmitIntent(UUID id, UUID tenantId);

    /** SUBMITTING → RUNNING with the provider's id, saved right after the provider answered. */
    @Query("UPDATE clips SET status = 'RUNNING', provider_job_id = :providerJobId, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'SUBMITTING'")
    int recordSubmitted(UUID id, UUID tenantId, String providerJobId);

    /**
     * SUBMITTING → PENDING: the provider refused the create with an answer that shows it made nothing (a 4xx such
     * as 429), so the next attempt submits normally, without looking for an earlier generation.
     */
    @Query("UPDATE clips SET status = 'PENDING', submit_intent_at = NULL, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'SUBMITTING' AND provider_job_id IS NULL")
    int clearSubmitIntent(UUID id, UUID tenantId);

    /** Claims poll number {@code attempt}: only the first run of a given poll counts, duplicates see 0. */
    @Query("UPDATE clips SET polls = :attempt, progress = GREATEST(progress, :progress), updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'RUNNING' AND polls = :attempt - 1")
    int recordPoll(UUID id, UUID tenantId, int attempt, int progress);

    @Query("UPDATE clips SET status = 'READY', progress = 100, blob_key = :blobKey, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'RUNNING'")
    int markReady(UUID id, UUID tenantId, String blobKey);

    /** A create call whose outcome cannot be known: failed and flagged, so it is shown and never resubmitted. */
    @Query("UPDATE clips SET status = 'FAILED', ambiguous = true, failure_reason = :reason, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'SUBMITTING'")
    int markAmbiguous(UUID id, UUID tenantId, String reason);

    @Query("UPDATE clips SET status = 'FAILED', failure_reason = :reason, updated_at = now() "
            + "WHERE id = :id AND tenant_id = :tenantId AND status IN ('PENDING', 'SUBMITTING', 'RUNNING')")
    int markFailed(UUID id, UUID tenantId, String reason);

    /** Cancelled clips that had reached a provider: their generations may still be running there. */
    @Query("SELECT * FROM clips WHERE project_id = :projectId AND tenant_id = :tenantId AND status = 'CANCELLED' "
            + "AND provider_job_id IS NOT NULL")
    List<ClipRow> findCancelledAtProvider(UUID projectId, UUID tenantId);

    @Query("UPDATE clips SET status = 'CANCELLED', updated_at = now() "
            + "WHERE project_id = :projectId AND tenant_id = :tenantId AND status IN ('PENDING', 'SUBMITTING', 'RUNNING')")
    int cancelAllOfProject(UUID projectId, UUID tenantId);

    /** Unfinished clips untouched for a while: the sweeper re-enqueues their next job. */
    @Query("SELECT * FROM clips WHERE status IN ('PENDING', 'SUBMITTING', 'RUNNING') "
            + "AND updated_at < now() - make_interval(secs => :idleSeconds) ORDER BY updated_at LIMIT :limit")
    List<ClipRow> findIdleUnfinished(long idleSeconds, int limit);

    @Query("SELECT count(*) FROM clips c WHERE project_id = :projectId AND tenant_id = :tenantId AND status <> 'READY' "
            + "AND generation = (SELECT max(g.generation) FROM clips g WHERE g.scenario_id = c.scenario_id)")
    long countNotReady(UUID projectId, UUID tenantId);

    /**
     * The clips a provider's generation belongs to, in any tenant: a provider webhook names only its own job id,
     * and its signature, not a tenant's key, is what vouches for it. Normally one clip; served by the
     * {@code clips_provider_job} index.
     */
    @Query("SELECT * FROM clips WHERE provider = :provider AND provider_job_id = :providerJobId")
    List<ClipRow> findByProviderJob(String provider, String providerJobId);

    /**
     * The clips whose provider job id ends in {@code suffix}: fal's webhook names only the request id, while the
     * job id is {@code owner/alias:request_id}. Still served by the {@code clips_provider_job} index's provider
     * column; request ids are UUIDs, so a suffix names one request.
     */
    @Query("SELECT * FROM clips WHERE provider = :provider AND right(provider_job_id, length(:suffix)) = :suffix")
    List<ClipRow> findByProviderJobSuffix(String provider, String suffix);

    /**
     * Of these clip ids, the ones that may hold a generation slot: a clip running at its provider (paid, so kept
     * even when its project failed), or one about to be submitted for a project still in progress. A slot held for
     * any other id was left behind by a crash; the sweeper frees it.
     */
    @Query("SELECT c.id FROM clips c JOIN projects p ON p.id = c.project_id WHERE c.id IN (:ids) "
            + "AND (c.status = 'RUNNING' OR (c.status IN ('PENDING', 'SUBMITTING') "
            + "AND p.status NOT IN ('DONE', 'FAILED', 'CANCELLED')))")
    List<UUID> findHoldingSlots(Collection<UUID> ids);
}
