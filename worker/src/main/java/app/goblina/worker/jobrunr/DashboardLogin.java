package app.goblina.worker.jobrunr;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** HTTP basic authentication against the dashboard's one login, compared in constant time. */
final class DashboardLogin extends BasicAuthenticator {

    static final String REALM = "Goblina dashboard";

    private final byte[] username;
    private final byte[] password;

    DashboardLogin(String username, String password) {
        super(REALM, StandardCharsets.UTF_8);
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean checkCredentials(String user, String pwd) {
        boolean userMatches = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(password, pwd.getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
    }
}
