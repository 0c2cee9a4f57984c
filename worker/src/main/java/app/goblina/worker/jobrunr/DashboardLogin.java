package app.goblina.worker.jobrunr;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HTTP basic authentication against the dashboard's one login. Both sides are hashed before {@link
 * MessageDigest#isEqual} compares them, so neither the time taken nor an early exit on a length difference tells
 * how much of a guess was right.
 */
final class DashboardLogin extends BasicAuthenticator {

    static final String REALM = "Goblina dashboard";

    private final byte[] username;
    private final byte[] password;

    DashboardLogin(String username, String password) {
        super(REALM, StandardCharsets.UTF_8);
        this.username = sha256(username);
        this.password = sha256(password);
    }

    @Override
    public boolean checkCredentials(String user, String pwd) {
        boolean userMatches = MessageDigest.isEqual(username, sha256(user));
        boolean passwordMatches = MessageDigest.isEqual(password, sha256(pwd));
        return userMatches & passwordMatches;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
