package app.goblina.launcher.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The login of the dashboard that {@code ./goblina up} starts: {@code GOBLINA_DASHBOARD_USERNAME} (default
 * {@value #DEFAULT_USERNAME}) and {@code GOBLINA_DASHBOARD_PASSWORD} when set, else a password generated on first
 * use and kept in {@code <dataDir>/dashboard-password}, readable by its owner only.
 *
 * @param username  the login
 * @param password  its password
 * @param passwordFromEnv whether the password came from the environment rather than the file
 */
record DashboardCredentials(String username, String password, boolean passwordFromEnv) {

    static final String USERNAME_ENV = "GOBLINA_DASHBOARD_USERNAME";
    static final String PASSWORD_ENV = "GOBLINA_DASHBOARD_PASSWORD";
    static final String DEFAULT_USERNAME = "goblina";
    static final KeptSecret SECRET = new KeptSecret(PASSWORD_ENV, "dashboard-password", "gob_dash_");

    static DashboardCredentials resolve(Map<String, String> env, Path dataDir) throws IOException {
        String username = env.get(USERNAME_ENV);
        String password = env.get(PASSWORD_ENV);
        return new DashboardCredentials(username == null || username.isBlank() ? DEFAULT_USERNAME : username.strip(),
                SECRET.resolve(env, dataDir), password != null && !password.isBlank());
    }

    /** What the worker serving the dashboard reads them from. */
    Map<String, String> environment() {
        return Map.of(USERNAME_ENV, username, PASSWORD_ENV, password);
    }

    @Override
    public String toString() {
        return "DashboardCredentials[username=" + username + ", password=***]";
    }
}
