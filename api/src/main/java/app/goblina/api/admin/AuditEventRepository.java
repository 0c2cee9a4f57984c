package app.goblina.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** The audit trail: written with each change, in its transaction; read newest first. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditEventRepository extends GenericRepository<AuditEventRow, Long> {

    @Query("INSERT INTO audit_events (actor, action, tenant_id, subject, detail) "
            + "VALUES (:actor, :action, :tenantId, :subject, CAST(:detail AS jsonb))")
    void insert(String actor, String action, @Nullable UUID tenantId, String subject, String detail);

    @Query("SELECT id, at, actor, action, tenant_id, subject, detail::text AS detail FROM audit_events "
            + "WHERE (CAST(:tenantId AS uuid) IS NULL OR tenant_id = :tenantId) ORDER BY at DESC, id DESC LIMIT :limit")
    List<AuditEventRow> newestFirst(@Nullable UUID tenantId, int limit);
}
