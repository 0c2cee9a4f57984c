package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** How long each job of a project waited and ran. A retry of the same job overwrites its row. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRunRepository extends GenericRepository<JobRunRow, UUID> {

    @Query("INSERT INTO job_runs (job_id, tenant_id, project_id, character_id, job, stage, ready_at, started_at) "
            + "VALUES (:jobId, :tenantId, :projectId, :characterId, :job, :stage, :readyAt, :startedAt) "
            + "ON CONFLICT (job_id) DO UPDATE SET started_at = EXCLUDED.started_at, finished_at = NULL")
    void recordStart(UUID jobId, UUID tenantId, @Nullable UUID projectId, @Nullable UUID characterId, String job, String stage,
            Instant readyAt, Instant startedAt);

    @Query("UPDATE job_runs SET finished_at = :finishedAt WHERE job_id = :jobId")
    void recordFinish(UUID jobId, Instant finishedAt);

    /** The runs of a project's own jobs and of its character's analysis, in start order. */
    @Query("SELECT * FROM job_runs WHERE tenant_id = :tenantId AND (project_id = :projectId OR character_id = :characterId) "
            + "ORDER BY started_at")
    List<JobRunRow> findForProject(UUID tenantId, UUID projectId, UUID characterId);
}
