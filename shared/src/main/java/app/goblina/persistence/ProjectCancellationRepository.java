package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/**
 * Cancels still to be carried out to the providers. The API writes a row in the same transaction as the cancel; the
 * CancelProject job marks it carried out; the sweeper re-drives a row left open by a crash.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProjectCancellationRepository extends GenericRepository<ProjectCancellationRow, UUID> {

    @Query("INSERT INTO project_cancellations (project_id, tenant_id) VALUES (:projectId, :tenantId) "
            + "ON CONFLICT (project_id) DO NOTHING")
    int insertIfAbsent(UUID projectId, UUID tenantId);

    @Query("UPDATE project_cancellations SET carried_out_at = now(), note = :note "
            + "WHERE project_id = :projectId AND tenant_id = :tenantId AND carried_out_at IS NULL")
    int markCarriedOut(UUID projectId, UUID tenantId, String note);

    @Query("SELECT * FROM project_cancellations WHERE carried_out_at IS NULL "
            + "AND requested_at < now() - make_interval(secs => :idleSeconds) ORDER BY requested_at LIMIT :limit")
    List<ProjectCancellationRow> findPending(long idleSeconds, int limit);

    @Query("SELECT * FROM project_cancellations WHERE project_id = :projectId AND tenant_id = :tenantId")
    java.util.Optional<ProjectCancellationRow> findByProject(UUID projectId, UUID tenantId);
}
