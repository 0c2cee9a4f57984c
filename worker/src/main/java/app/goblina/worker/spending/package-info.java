/**
 * The one path every call that costs money takes ({@link app.goblina.worker.spending.PaidCall}): a cached result
 * when the same inputs were paid for before, a permit from the shared provider limits, a reservation in the cost
 * ledger, the call, and its settlement; on failure the reservation and any generation slot are given back and a
 * 429 tightens the limits. Stages describe what they spend ({@link app.goblina.worker.spending.Spend}) and never
 * touch the ledger, the limiter or the cache themselves. Depends on {@code limits}, {@code cache} and the shared
 * ledger; no stage package depends on another's spending.
 */
package app.goblina.worker.spending;
