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
 * API keys, read on every authenticated request: revocation and expiry are decided by the database at each call,
 * so a revoked key is refused at once by every API replica.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiKeyRepository extends GenericRepository<ApiKeyRow, UUID> {

    @Query("SELECT * FROM api_keys WHERE key_hash = :keyHash")
    Optional<ApiKeyRow> findByKeyHash(String keyHash);

    Optional<ApiKeyRow> findById(UUID id);

    @Query("SELECT * FROM api_keys WHERE tenant_id = :tenantId ORDER BY created_at, id")
    List<ApiKeyRow> findByTenant(UUID tenantId);

    @Query("SELECT * FROM api_keys WHERE prefix = :prefix")
    List<ApiKeyRow> findByPrefix(String prefix);

    @Query("INSERT INTO api_keys (id, tenant_id, key_hash, label, prefix, expires_at) "
            + "VALUES (:id, :tenantId, :keyHash, :label, :prefix, :expiresAt)")
    void insert(UUID id, UUID tenantId, String keyHash, String label, String prefix, @Nullable Instant expiresAt);

    /** Revokes a live key; answers 0 when it was revoked already. */
    @Query("UPDATE api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
    long revoke(UUID id);

    /** Notes a use, at most once a minute per key, so a busy key costs no write per request. */
    @Query("UPDATE api_keys SET last_used_at = now() WHERE id = :id "
            + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
    void touch(UUID id);
}
