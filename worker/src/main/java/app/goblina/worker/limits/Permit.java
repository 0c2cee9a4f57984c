package app.goblina.worker.limits;

import java.time.Duration;

/** The limiter's answer: go now, or come back after {@link #retryIn()}. */
public record Permit(boolean granted, Duration retryIn) {

    public static Permit grant() {
        return new Permit(true, Duration.ZERO);
    }

    public static Permit deny(Duration retryIn) {
        return new Permit(false, retryIn);
    }
}
