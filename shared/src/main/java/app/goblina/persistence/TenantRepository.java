package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** Tenants and their API keys. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRepository extends GenericRepository<TenantRow, UUID> {

    @Query("INSERT INTO tenants (id, name, daily_budget_cents) VALUES (:id, :name, :dailyBudgetCents) ON CONFLICT (id) DO NOTHING")
    void insertIfAbsent(UUID id, String name, long dailyBudgetCents);

    @Query("INSERT INTO api_keys (id, tenant_id, key_hash, label) VALUES (:id, :tenantId, :keyHash, :label) ON CONFLICT (key_hash) DO NOTHING")
    void insertKeyIfAbsent(UUID id, UUID tenantId, String keyHash, String label);

    Optional<TenantRow> findById(UUID id);

    java.util.List<TenantRow> findAll();

    /** The tenant a live (not revoked) key belongs to. */
    @Query("SELECT t.* FROM tenants t JOIN api_keys k ON k.tenant_id = t.id WHERE k.key_hash = :keyHash AND k.revoked_at IS NULL")
    Optional<TenantRow> findByLiveKeyHash(String keyHash);
}
