package app.goblina.money;

import app.goblina.persistence.CostEntryRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger of paid calls: an estimate is reserved before each call, settled when it completes, released when it
 * fails or is cancelled. Reserving checks the tenant's daily budget under a lock on the tenant, so two workers
 * cannot both take the last dollar. Every operation is keyed by an idempotency key derived from our ids, so a
 * retried stage reserves, settles or releases once.
 */
@Singleton
public class CostLedger {

    private final CostEntryRepository entries;

    public CostLedger(CostEntryRepository entries) {
        this.entries = entries;
    }

    /** One paid call to reserve for. */
    public record Charge(UUID tenantId, UUID projectId, UUID clipId, String provider, String model, String purpose,
            BigDecimal units, long amountCents, String idempotencyKey) {
    }

    /** Reserves the charge, or throws {@link BudgetExceeded} and records nothing. */
    @Transactional
    public void reserve(Charge charge) {
        long budget = entries.lockBudget(charge.tenantId())
                .orElseThrow(() -> new IllegalStateException("No tenant " + charge.tenantId()));
        Optional<String> state = entries.findStateByKey(charge.idempotencyKey());
        if (state.isPresent() && !"RELEASED".equals(state.get())) {
            return;
        }
        long spent = entries.spentToday(charge.tenantId());
        if (charge.amountCents() > 0 && spent + charge.amountCents() > budget) {
            throw new BudgetExceeded(spent, charge.amountCents(), budget);
        }
        if (state.isPresent()) {
            // released after a refused call, and now made again: the same line counts once more
            entries.reReserve(charge.idempotencyKey(), charge.amountCents());
            return;
        }
        entries.insertReservation(UUID.randomUUID(), charge.tenantId(), charge.projectId(), charge.clipId(),
                charge.provider(), charge.model(), charge.units(), charge.amountCents(), charge.purpose(),
                charge.idempotencyKey());
    }

    public void settle(String idempotencyKey, long amountCents) {
        entries.settle(idempotencyKey, amountCents);
    }

    /** Settles at the reserved estimate: providers do not report a price per call. */
    public void settleAsReserved(String idempotencyKey) {
        entries.findAmountByKey(idempotencyKey).ifPresent(amount -> entries.settle(idempotencyKey, amount));
    }

    public void release(String idempotencyKey) {
        entries.release(idempotencyKey);
    }

    /** Everything the project still holds: it was cancelled, nothing more will be paid for it. */
    public void releaseProject(UUID tenantId, UUID projectId) {
        entries.releaseProject(tenantId, projectId);
    }

    /** What a failed project will not spend; generations already running keep theirs and settle when done. */
    public void releaseUnstarted(UUID tenantId, UUID projectId) {
        entries.releaseUnstarted(tenantId, projectId);
    }

    public long spentToday(UUID tenantId) {
        return entries.spentToday(tenantId);
    }

    public long spentOnProject(UUID tenantId, UUID projectId) {
        return entries.spentOnProject(tenantId, projectId);
    }

    /** Ledger keys, one per paid call of a record. */
    public static String clipKey(UUID clipId) {
        return "clip:" + clipId;
    }

    public static String writingKey(UUID projectId) {
        return "scenarios:" + projectId;
    }

    public static String analysisKey(UUID characterId) {
        return "analysis:" + characterId;
    }

    public static String narrationKey(UUID scenarioId) {
        return "narration:" + scenarioId;
    }

    /** A scenario's narration of its {@code generation}-th line; generation 0 is {@link #narrationKey(UUID)}. */
    public static String narrationKey(UUID scenarioId, int generation) {
        return generation == 0 ? narrationKey(scenarioId) : "narration:" + scenarioId + "/" + generation;
    }
}
