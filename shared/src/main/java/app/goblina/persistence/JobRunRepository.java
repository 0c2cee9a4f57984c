package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How long each job of a project waited and ran. A retry of the same job overwrites its row.
 *
 * <p>These rows are bookkeeping, written twice per job on the path of every project, so they are committed
 * without waiting for the WAL to reach disk ({@code synchronous_commit = off} for that statement's own
 * transaction, set by {@code set_config(..., true)} in the statement itself: one round trip). A database that
 * crashes may lose the last fraction of a second of them (a run then shows no finish until its job runs again);
 * the next ordinary commit makes them durable. Nothing that decides what happens next is written this way.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRunRepository extends GenericRepository<JobRunRow, UUID> {

    String WITHOUT_FLUSH_WAIT = "(SELECT set_config('synchronous_commit', 'off', true)) AS without_flush_wait";

    @Query("INSERT INTO job_runs (job_id, tenant_id, project_id, character_id, job, stage, ready_at, started_at) "
            + "SELECT :jobId, :tenantId, :projectId, :characterId, :job, :stage, :readyAt, :startedAt FROM "
            + WITHOUT_FLUSH_WAIT + " ON CONFLICT (job_id) DO UPDATE SET started_at = EXCLUDED.started_at, finished_at = NULL")
    void recordStart(UUID jobId, UUID tenantId, @Nullable UUID projectId, @Nullable UUID characterId, String job, String stage,
            Instant readyAt, Instant startedAt);

    @Query("UPDATE job_runs SET finished_at = :finishedAt FROM " + WITHOUT_FLUSH_WAIT + " WHERE job_id = :jobId")
    void recordFinish(UUID jobId, Instant finishedAt);

    /** The runs of a project's own jobs and of its character's analysis, in start order. */
    @Query("SELECT * FROM job_runs WHERE tenant_id = :tenantId AND (project_id = :projectId OR character_id = :characterId) "
            + "ORDER BY started_at")
    List<JobRunRow> findForProject(UUID tenantId, UUID projectId, UUID characterId);
}
