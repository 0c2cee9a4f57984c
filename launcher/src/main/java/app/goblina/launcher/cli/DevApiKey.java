package app.goblina.launcher.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The development API key: {@code GOBLINA_API_KEY} when set, else one generated on first use and kept in
 * {@code <dataDir>/dev-api-key}, readable by its owner only, so it stays the same across starts and curl
 * commands keep working.
 */
final class DevApiKey {

    static final String ENV = "GOBLINA_API_KEY";
    static final String FILE_NAME = "dev-api-key";
    static final String PREFIX = "gob_dev_";
    private static final KeptSecret SECRET = new KeptSecret(ENV, FILE_NAME, PREFIX);

    private DevApiKey() {
    }

    /** The key from the environment, else from the key file, creating the file on first use. */
    static String resolve(Map<String, String> env, Path dataDir) throws IOException {
        return SECRET.resolve(env, dataDir);
    }

    /** The key from the environment, else from the key file if there is one; never creates anything. */
    static Optional<String> existing(Map<String, String> env, Path dataDir) throws IOException {
        return SECRET.existing(env, dataDir);
    }

    /** A new key: {@value #PREFIX} and 32 random bytes in unpadded base64url. */
    static String generate() {
        return SECRET.generate();
    }
}
