package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants and their API keys. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRepository extends GenericRepository<TenantRow, UUID> {

    @Query("INSERT INTO tenants (id, name, daily_budget_cents) VALUES (:id, :name, :dailyBudgetCents) ON CONFLICT (id) DO NOTHING")
    void insertIfAbsent(UUID id, String name, long dailyBudgetCents);

    @Query("INSERT INTO tenants (id, name, daily_budget_cents, requests_per_minute_per_key, projects_in_flight_max, "
            + "uploads_per_day_max) VALUES (:id, :name, :dailyBudgetCents, :requestsPerMinutePerKey, :projectsInFlightMax, "
            + ":uploadsPerDayMax) ON CONFLICT (id) DO NOTHING")
    void insertIfAbsent(UUID id, String name, long dailyBudgetCents, int requestsPerMinutePerKey, int projectsInFlightMax,
            int uploadsPerDayMax);

    @Query("INSERT INTO api_keys (id, tenant_id, key_hash, label) VALUES (:id, :tenantId, :keyHash, :label) ON CONFLICT (key_hash) DO NOTHING")
    void insertKeyIfAbsent(UUID id, UUID tenantId, String keyHash, String label);

    Optional<TenantRow> findById(UUID id);

    @Query("INSERT INTO tenants (id, name, daily_budget_cents, requests_per_minute_per_key, projects_in_flight_max, "
            + "uploads_per_day_max) VALUES (:id, :name, :dailyBudgetCents, :requestsPerMinutePerKey, :projectsInFlightMax, "
            + ":uploadsPerDayMax)")
    void insert(UUID id, String name, long dailyBudgetCents, int requestsPerMinutePerKey, int projectsInFlightMax,
            int uploadsPerDayMax);

    @Query("UPDATE tenants SET daily_budget_cents = :dailyBudgetCents, requests_per_minute_per_key = :requestsPerMinutePerKey, "
            + "projects_in_flight_max = :projectsInFlightMax, uploads_per_day_max = :uploadsPerDayMax WHERE id = :id")
    void updateLimits(UUID id, long dailyBudgetCents, int requestsPerMinutePerKey, int projectsInFlightMax,
            int uploadsPerDayMax);

    @Query("SELECT * FROM tenants WHERE lower(name) = lower(:name)")
    Optional<TenantRow> findByNameIgnoringCase(String name);

    /** Holds the tenant's row until the transaction ends, so changes to one tenant are applied one after the other. */
    @Query("SELECT id FROM tenants WHERE id = :id FOR UPDATE")
    Optional<UUID> lock(UUID id);

    /** The tenant's row, held until the transaction ends: its limits as they are now, and admissions one at a time. */
    @Query("SELECT * FROM tenants WHERE id = :id FOR UPDATE")
    Optional<TenantRow> lockAndRead(UUID id);

    @Query("SELECT * FROM tenants ORDER BY created_at, id")
    List<TenantRow> findAll();
}
