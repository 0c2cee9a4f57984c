package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/** The cost ledger's rows. Reservations are keyed by an idempotency key, so a retried reservation is one line. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CostEntryRepository extends GenericRepository<TenantRow, UUID> {

    /** The start of today, UTC: budgets are per UTC day. */
    String TODAY_UTC = "date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";

    /** Locks the tenant's row for the rest of the transaction: reservations of one tenant go one at a time. */
    @Query("SELECT daily_budget_cents FROM tenants WHERE id = :tenantId FOR UPDATE")
    Optional<Long> lockBudget(UUID tenantId);

    @Query("SELECT amount_cents FROM cost_entries WHERE idempotency_key = :key")
    Optional<Long> findAmountByKey(String key);

    @Query("SELECT state FROM cost_entries WHERE idempotency_key = :key")
    Optional<String> findStateByKey(String key);

    /** A released reservation taken again: the same call is about to be made once more. */
    @Query("UPDATE cost_entries SET state = 'RESERVED', amount_cents = :amountCents, updated_at = now() "
            + "WHERE idempotency_key = :key AND state = 'RELEASED'")
    int reReserve(String key, long amountCents);

    /** Reserved and settled amounts today (UTC), per tenant name and state: what the cost gauges show. */
    @Query("SELECT t.name AS tenant, e.state AS state, COALESCE(SUM(e.amount_cents), 0) AS cents "
            + "FROM cost_entries e JOIN tenants t ON t.id = e.tenant_id "
            + "WHERE e.state IN ('RESERVED', 'SETTLED') AND e.created_at >= " + TODAY_UTC + " GROUP BY t.name, e.state")
    java.util.List<TenantCostToday> costTodayByTenant();

    /** Reserved or settled today (UTC). */
    @Query("SELECT COALESCE(SUM(amount_cents), 0) FROM cost_entries WHERE tenant_id = :tenantId "
            + "AND state IN ('RESERVED', 'SETTLED') AND created_at >= " + TODAY_UTC)
    long spentToday(UUID tenantId);

    /**
     * What the tenant's unfinished projects are still expected to cost: each one's estimate less what it has
     * already reserved or settled (which {@link #spentToday} counts), never below zero.
     */
    @Query("SELECT COALESCE(SUM(GREATEST(p.estimate_cents - COALESCE((SELECT SUM(e.amount_cents) FROM cost_entries e "
            + "WHERE e.project_id = p.id AND e.state IN ('RESERVED', 'SETTLED')), 0), 0)), 0) FROM projects p "
            + "WHERE p.tenant_id = :tenantId AND p.status IN ('QUEUED', 'WRITING', 'GENERATING', 'ASSEMBLING')")
    long outstandingOnOpenProjects(UUID tenantId);

    @Query("SELECT COALESCE(SUM(amount_cents), 0) FROM cost_entries WHERE tenant_id = :tenantId AND project_id = :projectId "
            + "AND state IN ('RESERVED', 'SETTLED')")
    long spentOnProject(UUID tenantId, UUID projectId);

    @Query("INSERT INTO cost_entries (id, tenant_id, project_id, clip_id, provider, model, units, amount_cents, state, purpose, idempotency_key) "
            + "VALUES (:id, :tenantId, :projectId, :clipId, :provider, :model, :units, :amountCents, 'RESERVED', :purpose, :key) "
            + "ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING")
    int insertReservation(UUID id, UUID tenantId, @Nullable UUID projectId, @Nullable UUID clipId, String provider,
            String model, BigDecimal units, long amountCents, String purpose, String key);

    @Query("UPDATE cost_entries SET state = 'SETTLED', amount_cents = :amountCents, updated_at = now() "
            + "WHERE idempotency_key = :key AND state = 'RESERVED'")
    int settle(String key, long amountCents);

    @Query("UPDATE cost_entries SET state = 'RELEASED', updated_at = now() WHERE idempotency_key = :key AND state = 'RESERVED'")
    int release(String key);

    @Query("UPDATE cost_entries SET state = 'RELEASED', updated_at = now() "
            + "WHERE tenant_id = :tenantId AND project_id = :projectId AND state = 'RESERVED'")
    int releaseProject(UUID tenantId, UUID projectId);

    /**
     * Releases what a failed project will no longer spend, and keeps the reservations of clips whose generation
     * already runs at the provider: those are paid for, finish, are stored and settle as usual.
     */
    @Query("UPDATE cost_entries e SET state = 'RELEASED', updated_at = now() "
            + "WHERE e.tenant_id = :tenantId AND e.project_id = :projectId AND e.state = 'RESERVED' "
            + "AND NOT EXISTS (SELECT 1 FROM clips c WHERE c.id = e.clip_id AND c.status IN ('RUNNING', 'READY'))")
    int releaseUnstarted(UUID tenantId, UUID projectId);
}
