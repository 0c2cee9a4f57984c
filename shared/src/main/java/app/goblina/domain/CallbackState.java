package app.goblina.domain;

import java.util.Locale;

/**
 * Where a project's completion callback stands. WAITING until the project ends; SENDING from the first attempt until
 * the receiver accepts it (DELIVERED) or it is given up (FAILED: a permanent refusal, or out of attempts).
 */
public enum CallbackState {
    WAITING,
    SENDING,
    DELIVERED,
    FAILED;

    public boolean isSettled() {
        return this == DELIVERED || this == FAILED;
    }

    /** The lower-case name used in REST responses. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
