package app.goblina.worker.spending;

import app.goblina.failures.HeldBack;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import app.goblina.money.CostLedger;
import app.goblina.money.PriceTable;
import app.goblina.worker.cache.PaidResultCache;
import app.goblina.worker.limits.Permit;
import app.goblina.worker.limits.ProviderRateLimiter;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The one path of every call that costs money, in this order: the cached result when the same inputs were paid
 * for before; a permit from the provider limits every worker shares (else {@link HeldBack}, which retries the job
 * in place without using up its retries); a reservation in the ledger (else BudgetExceeded); the call; and the
 * settlement. When the call fails, a 429 tightens the limits, and what was reserved is given back unless the
 * call may have started something paid:
 * <ul>
 *   <li>a single call (analysis, writing, narration) gives back on any failure: nothing it bought is kept, and
 *       a retry reserves the same ledger line again;</li>
 *   <li>a generation (a clip) gives back its reservation and slot only when the provider refused without effect
 *       (a 4xx) or failed it for good; after a timeout, a dropped connection or a 5xx the generation may exist,
 *       so both stay until it is adopted and {@link #delivered delivered}, or failed.</li>
 * </ul>
 */
@Singleton
public class PaidCall {

    private final PaidResultCache cache;
    private final ProviderRateLimiter limiter;
    private final CostLedger ledger;
    private final PriceTable prices;

    public PaidCall(PaidResultCache cache, ProviderRateLimiter limiter, CostLedger ledger, PriceTable prices) {
        this.cache = cache;
        this.limiter = limiter;
        this.ledger = ledger;
        this.prices = prices;
    }

    /** The cached result, else the call paid for once and its result cached. */
    public <T, E extends Exception> T call(Spend spend, Cached<T> cached, ProviderCall<T, E> call) throws E {
        Optional<String> hit = cache.get(cached.key());
        if (hit.isPresent()) {
            return cached.read().apply(hit.get());
        }
        T result = call(spend, call);
        cache.put(cached.key(), cached.write().apply(result));
        return result;
    }

    /** The call paid for once, when the limits admit it. */
    public <T, E extends Exception> T call(Spend spend, ProviderCall<T, E> call) throws E {
        admit(spend);
        return pay(spend, call);
    }

    /**
     * A permit from the shared limits, or {@link HeldBack}. A generation takes its slot here, before the stage
     * records its intent to submit; it keeps the slot until delivered or given back.
     */
    public void admit(Spend spend) {
        Permit permit = spend.holdsSlot()
                ? limiter.generation(spend.provider(), spend.limitModel(), spend.slotHolder())
                : limiter.request(spend.provider(), spend.limitModel());
        if (!permit.granted()) {
            throw new HeldBack(spend.purpose().wording() + " waits for the " + spend.provider() + " rate limit"
                    + (spend.holdsSlot() ? " (shared generation slots)" : ""), permit.retryIn());
        }
    }

    /**
     * A permit for one free request under the same limits (a status poll): unlike {@link #admit}, never a slot and
     * never HeldBack; the caller decides when to ask again.
     */
    public Permit requestPermit(Spend spend) {
        return limiter.request(spend.provider(), spend.limitModel());
    }

    /** A free call to the provider of a spend (a poll, a lookup): a 429 tightens the limits as a paid call's does. */
    public <T, E extends Exception> T free(Spend spend, ProviderCall<T, E> call) throws E {
        try {
            return call.call();
        } catch (RateLimited limited) {
            limiter.tighten(spend.provider(), spend.limitModel());
            throw limited;
        }
    }

    /** Reserves, calls and, for a single call, settles; on failure see the class comment. */
    public <T, E extends Exception> T pay(Spend spend, ProviderCall<T, E> call) throws E {
        ledger.reserve(charge(spend));
        T result;
        try {
            result = call.call();
        } catch (TransientFailure failure) {
            if (failure instanceof RateLimited) {
                limiter.tighten(spend.provider(), spend.limitModel());
            }
            if (!spend.holdsSlot() || failure.refusedWithoutEffect()) {
                giveBack(spend);
            }
            throw failure;
        } catch (PermanentFailure failure) {
            giveBack(spend);
            throw failure;
        } catch (Exception failure) {
            if (!spend.holdsSlot()) {
                giveBack(spend);
            }
            throw failure;
        }
        if (!spend.holdsSlot()) {
            ledger.settleAsReserved(spend.ledgerKey());
        }
        return result;
    }

    /** A generation's result is stored: its reservation settles and its slot is free for the next. */
    public void delivered(Spend spend) {
        ledger.settleAsReserved(spend.ledgerKey());
        freeSlot(spend);
    }

    /** Nothing will be delivered: the reservation is released and any slot freed. Repeating it changes nothing. */
    public void giveBack(Spend spend) {
        ledger.release(spend.ledgerKey());
        freeSlot(spend);
    }

    /** A slot only: a generation still waiting for its turn, or one whose settlement is already recorded. */
    public void freeSlot(Spend spend) {
        if (spend.holdsSlot()) {
            limiter.release(spend.provider(), spend.limitModel(), spend.slotHolder());
        }
    }

    private CostLedger.Charge charge(Spend spend) {
        long cents = switch (spend.purpose()) {
            case ANALYSIS, SCENARIOS -> prices.llmCents(spend.provider(), spend.model());
            case NARRATION -> prices.narrationCents(spend.provider(), spend.limitModel(), spend.units());
            case VIDEO -> prices.videoCents(spend.provider(), spend.model(), spend.units());
        };
        return new CostLedger.Charge(spend.tenantId(), spend.projectId(), spend.clipId(), spend.provider(),
                spend.model(), spend.purpose().column(), BigDecimal.valueOf(spend.units()), cents, spend.ledgerKey());
    }
}
