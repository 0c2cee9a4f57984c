package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The attempts at delivering a project's callback, within one tenant. An attempt's number is recorded once. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CallbackAttemptRepository extends GenericRepository<CallbackAttemptRow, Long> {

    @Query("INSERT INTO callback_attempts (project_id, tenant_id, number, at, http_status, error, next_attempt_at) "
            + "VALUES (:projectId, :tenantId, :number, :at, :httpStatus, :error, :nextAttemptAt) "
            + "ON CONFLICT (project_id, number) DO NOTHING")
    int record(UUID projectId, UUID tenantId, int number, Instant at, @Nullable Integer httpStatus,
            @Nullable String error, @Nullable Instant nextAttemptAt);

    @Query("SELECT count(*) FROM callback_attempts WHERE project_id = :projectId AND tenant_id = :tenantId")
    long countByProject(UUID projectId, UUID tenantId);

    @Query("SELECT * FROM callback_attempts WHERE project_id = :projectId AND tenant_id = :tenantId ORDER BY number")
    List<CallbackAttemptRow> findByProject(UUID projectId, UUID tenantId);
}
