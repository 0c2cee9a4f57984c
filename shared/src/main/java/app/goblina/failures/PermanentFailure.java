package app.goblina.failures;

/**
 * A failure no retry can fix: bad input, a content-policy refusal, an exhausted quota, an unreadable file.
 * The message is shown to the user, so it must be readable and must not contain secrets.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String reason) {
        super(reason);
    }

    public PermanentFailure(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The user-readable reason. */
    public String reason() {
        return getMessage();
    }
}
