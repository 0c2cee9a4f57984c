package app.goblina.testkit.fakes.video;

import java.util.Optional;

/**
 * Decides, request by request, whether a fake's endpoint misbehaves, for faults that are not queued one by one
 * (see {@link FaultPlan#otherwise}): for example {@link SeededFaults}, a seeded share of every call. Called from
 * the fake's request threads, so implementations must be thread-safe.
 *
 * @param <E> the fake's enum of endpoints
 */
@FunctionalInterface
public interface FaultSource<E extends Enum<E>> {

    /** The fault for this request to {@code endpoint}, or empty to answer normally. */
    Optional<Fault> next(E endpoint);
}
