package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Each tenant's callback signing secret. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CallbackSecretRepository extends GenericRepository<CallbackSecretRow, UUID> {

    @Query("INSERT INTO callback_secrets (tenant_id, secret) VALUES (:tenantId, :secret) ON CONFLICT (tenant_id) DO NOTHING")
    int insertIfAbsent(UUID tenantId, String secret);

    @Query("SELECT * FROM callback_secrets WHERE tenant_id = :tenantId")
    Optional<CallbackSecretRow> findByTenant(UUID tenantId);

    /** The current secret becomes the previous one, signed with until {@code previousUntil}; {@code secret} replaces it. */
    @Query("UPDATE callback_secrets SET previous_secret = secret, previous_until = :previousUntil, secret = :secret, "
            + "rotated_at = now() WHERE tenant_id = :tenantId")
    int rotate(UUID tenantId, String secret, Instant previousUntil);
}
