package app.goblina.testkit.fakes.video;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * A seeded share of a fake's calls going wrong, for runs of the real system where nobody queues faults one by one:
 * each call is throttled (429 with a wait), answered with a 5xx, or answered too late for the client's timeout,
 * with the probability {@link Builder#rate}; the others may get a little latency, as a real provider has.
 *
 * <p>Every endpoint draws from its own generator, seeded from the seed and the endpoint, so the n-th call to an
 * endpoint meets the same fault in every run with that seed, however the calls to different endpoints interleave.
 * What was injected is counted per endpoint and kind ({@link #injected}). Thread-safe.
 *
 * @param <E> the fake's enum of endpoints
 */
public final class SeededFaults<E extends Enum<E>> implements FaultSource<E> {

    /** What went wrong with a call. */
    public enum Kind { THROTTLED, SERVER_ERROR, TIMEOUT }

    /** The options; every setter returns the builder. */
    public static final class Builder<E extends Enum<E>> {
        private final Class<E> endpoints;
        private final long seed;
        private double rate = 0.3;
        private IntFunction<Fault> throttled;
        private int throttleMinSeconds = 1;
        private int throttleMaxSeconds = 2;
        private IntFunction<Fault> serverError;
        private List<Integer> serverStatuses = List.of(500, 502, 503);
        private final Map<E, Duration> slowBy;
        private Duration latencyMin = Duration.ZERO;
        private Duration latencyMax = Duration.ZERO;

        private Builder(Class<E> endpoints, long seed) {
            this.endpoints = endpoints;
            this.seed = seed;
            this.slowBy = new EnumMap<>(endpoints);
        }

        /** The share of calls that meet a fault, 0 to 1. */
        public Builder<E> rate(double share) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("a rate is between 0 and 1, not " + share);
            }
            this.rate = share;
            return this;
        }

        /** Throttling: {@code reply} makes the 429 for a wait of {@code minSeconds} to {@code maxSeconds}. */
        public Builder<E> throttled(IntFunction<Fault> reply, int minSeconds, int maxSeconds) {
            if (minSeconds < 0 || maxSeconds < minSeconds) {
                throw new IllegalArgumentException("throttle waits must be 0 <= min <= max");
            }
            this.throttled = reply;
            this.throttleMinSeconds = minSeconds;
            this.throttleMaxSeconds = maxSeconds;
            return this;
        }

        /** Server errors: {@code reply} makes the answer for one of {@code statuses}. */
        public Builder<E> serverErrors(IntFunction<Fault> reply, List<Integer> statuses) {
            if (statuses.isEmpty()) {
                throw new IllegalArgumentException("name at least one status");
            }
            this.serverError = reply;
            this.serverStatuses = List.copyOf(statuses);
            return this;
        }

        /**
         * Timeouts on {@code endpoint}: the normal answer (so whatever the call does, such as creating a paid
         * generation, still happens) held back by {@code delay}, which should exceed the client's timeout.
         */
        public Builder<E> timeout(E endpoint, Duration delay) {
            slowBy.put(endpoint, Objects.requireNonNull(delay));
            return this;
        }

        /** Calls without a fault answer after a uniformly drawn latency in this range. */
        public Builder<E> latency(Duration min, Duration max) {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("latency must be 0 <= min <= max");
            }
            this.latencyMin = min;
            this.latencyMax = max;
            return this;
        }

        public SeededFaults<E> build() {
            return new SeededFaults<>(this);
        }
    }

    private final long seed;
    private final double rate;
    private final IntFunction<Fault> throttled;
    private final int throttleMinSeconds;
    private final int throttleMaxSeconds;
    private final IntFunction<Fault> serverError;
    private final List<Integer> serverStatuses;
    private final Map<E, Duration> slowBy;
    private final Duration latencyMin;
    private final Duration latencyMax;
    private final Map<E, Random> randoms;
    private final Map<E, int[]> counts;
    private final Map<E, Integer> calls;
    private volatile boolean enabled = true;

    private SeededFaults(Builder<E> builder) {
        this.seed = builder.seed;
        this.rate = builder.rate;
        this.throttled = builder.throttled;
        this.throttleMinSeconds = builder.throttleMinSeconds;
        this.throttleMaxSeconds = builder.throttleMaxSeconds;
        this.serverError = builder.serverError;
        this.serverStatuses = builder.serverStatuses;
        this.slowBy = new EnumMap<>(builder.slowBy);
        this.latencyMin = builder.latencyMin;
        this.latencyMax = builder.latencyMax;
        this.randoms = new EnumMap<>(builder.endpoints);
        this.counts = new EnumMap<>(builder.endpoints);
        this.calls = new EnumMap<>(builder.endpoints);
        for (E endpoint : builder.endpoints.getEnumConstants()) {
            randoms.put(endpoint, new Random(seed * 1_000_003L + endpoint.ordinal() * 7919L + endpoint.name().hashCode()));
            counts.put(endpoint, new int[Kind.values().length]);
            calls.put(endpoint, 0);
        }
    }

    /** Faults for the endpoints of {@code endpoints}, drawn from {@code seed}. */
    public static <E extends Enum<E>> Builder<E> builder(Class<E> endpoints, long seed) {
        return new Builder<>(endpoints, seed);
    }

    public long seed() {
        return seed;
    }

    /** While off, every call answers normally (and draws nothing, so the sequence resumes where it was). */
    public void enable(boolean on) {
        this.enabled = on;
    }

    @Override
    public synchronized Optional<Fault> next(E endpoint) {
        if (!enabled) {
            return Optional.empty();
        }
        calls.merge(endpoint, 1, Integer::sum);
        Random random = randoms.get(endpoint);
        double draw = random.nextDouble();
        List<Kind> kinds = kindsFor(endpoint);
        if (draw < rate && !kinds.isEmpty()) {
            Kind kind = kinds.get(random.nextInt(kinds.size()));
            counts.get(endpoint)[kind.ordinal()]++;
            return Optional.of(switch (kind) {
                case THROTTLED -> throttled.apply(throttleMinSeconds
                        + random.nextInt(throttleMaxSeconds - throttleMinSeconds + 1));
                case SERVER_ERROR -> serverError.apply(serverStatuses.get(random.nextInt(serverStatuses.size())));
                case TIMEOUT -> Fault.slow(slowBy.get(endpoint));
            });
        }
        long spread = latencyMax.toMillis() - latencyMin.toMillis();
        long latency = latencyMin.toMillis() + (spread <= 0 ? 0 : (long) (random.nextDouble() * spread));
        return latency == 0 ? Optional.empty() : Optional.of(Fault.slow(Duration.ofMillis(latency)));
    }

    /** Faults injected so far at {@code endpoint}, by kind. */
    public synchronized Map<Kind, Integer> injected(E endpoint) {
        Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, counts.get(endpoint)[kind.ordinal()]);
        }
        return byKind;
    }

    /** Faults injected so far at every endpoint, by kind. */
    public synchronized Map<Kind, Integer> injected() {
        Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, counts.values().stream().mapToInt(c -> c[kind.ordinal()]).sum());
        }
        return byKind;
    }

    /** Calls that drew (faulted or not) while enabled. */
    public synchronized int calls() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    private List<Kind> kindsFor(E endpoint) {
        List<Kind> kinds = new ArrayList<>(3);
        if (throttled != null) {
            kinds.add(Kind.THROTTLED);
        }
        if (serverError != null) {
            kinds.add(Kind.SERVER_ERROR);
        }
        if (slowBy.containsKey(endpoint)) {
            kinds.add(Kind.TIMEOUT);
        }
        return kinds;
    }
}
