package app.goblina.launcher.processes;

/** The platform could not be started; the message says why and, for a failing process, shows its log tail. */
public class PlatformStartException extends RuntimeException {

    public PlatformStartException(String message) {
        super(message);
    }

    public PlatformStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
