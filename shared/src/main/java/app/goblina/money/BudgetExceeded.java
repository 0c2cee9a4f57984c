package app.goblina.money;

import app.goblina.failures.PermanentFailure;

/** A paid call that would take the tenant past its daily budget. Permanent for today: no retry spends money. */
public final class BudgetExceeded extends PermanentFailure {

    public BudgetExceeded(long spentCents, long askedCents, long budgetCents) {
        super(String.format("the daily budget of $%.2f would be exceeded: $%.2f spent or reserved today, this needs $%.2f",
                budgetCents / 100.0, spentCents / 100.0, askedCents / 100.0));
    }
}
