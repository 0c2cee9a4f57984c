package app.goblina.worker.jobrunr;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * JobRunr's dashboard, served by one worker. Environment: {@code GOBLINA_DASHBOARD_ENABLED},
 * {@code GOBLINA_DASHBOARD_PORT}, {@code GOBLINA_DASHBOARD_HOST}, {@code GOBLINA_DASHBOARD_USERNAME},
 * {@code GOBLINA_DASHBOARD_PASSWORD}. An enabled dashboard on an address other than loopback needs both
 * credentials; with credentials set it always asks for them (HTTP basic authentication). {@link #toString()} masks
 * the password.
 *
 * @param enabled  serve the dashboard from this worker
 * @param port     where; 8000 is JobRunr's usual port
 * @param host     the address it listens on, 127.0.0.1 unless set; 0.0.0.0 for every interface
 * @param username the login, or null for none (loopback only)
 * @param password at least {@value #MIN_PASSWORD_LENGTH} characters, or null with no username
 */
@ConfigurationProperties("goblina.dashboard")
public record DashboardConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "8000") @Min(1) @Max(65535) int port,
        @Bindable(defaultValue = "127.0.0.1") String host,
        @Nullable String username,
        @Nullable String password) {

    public static final int MIN_PASSWORD_LENGTH = 12;

    public DashboardConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        username = blankToNull(username);
        password = blankToNull(password);
        if (enabled) {
            validate(host, username, password);
        }
    }

    /** Whether the dashboard asks for a login. */
    public boolean requiresLogin() {
        return username != null;
    }

    /** The address to listen on. */
    public InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("GOBLINA_DASHBOARD_HOST '" + host + "' is not an address of this machine", e);
        }
    }

    /** Whether the dashboard listens on a loopback address only, out of reach of other machines. */
    public boolean loopbackOnly() {
        return address().isLoopbackAddress();
    }

    private static void validate(String host, String username, String password) {
        if (username == null && password != null) {
            throw new IllegalArgumentException("GOBLINA_DASHBOARD_PASSWORD is set but GOBLINA_DASHBOARD_USERNAME is not: set both");
        }
        if (username != null && password == null) {
            throw new IllegalArgumentException("GOBLINA_DASHBOARD_USERNAME is set but GOBLINA_DASHBOARD_PASSWORD is not: set both");
        }
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("GOBLINA_DASHBOARD_PASSWORD must be at least " + MIN_PASSWORD_LENGTH
                    + " characters, it has " + password.length());
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("GOBLINA_DASHBOARD_HOST '" + host + "' is not an address of this machine", e);
        }
        if (!loopback && username == null) {
            throw new IllegalArgumentException("The dashboard shows every tenant's jobs and can requeue or delete them: "
                    + "on GOBLINA_DASHBOARD_HOST " + host + ", which is not a loopback address, it needs "
                    + "GOBLINA_DASHBOARD_USERNAME and GOBLINA_DASHBOARD_PASSWORD");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "DashboardConfig[enabled=" + enabled + ", port=" + port + ", host=" + host + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
