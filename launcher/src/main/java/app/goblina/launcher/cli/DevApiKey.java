package app.goblina.launcher.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The development API key: {@code GOBLINA_API_KEY} when set, else one generated on first use and kept in
 * {@code <dataDir>/dev-api-key}, readable by its owner only, so it stays the same across starts and curl
 * commands keep working.
 */
final class DevApiKey {

    static final String ENV = "GOBLINA_API_KEY";
    static final String FILE_NAME = "dev-api-key";
    static final String PREFIX = "gob_dev_";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevApiKey() {
    }

    /** The key from the environment, else from the key file, creating the file on first use. */
    static String resolve(Map<String, String> env, Path dataDir) throws IOException {
        Optional<String> fromEnv = fromEnvironment(env);
        return fromEnv.isPresent() ? fromEnv.get() : loadOrCreate(dataDir.resolve(FILE_NAME));
    }

    /** The key from the environment, else from the key file if there is one; never creates anything. */
    static Optional<String> existing(Map<String, String> env, Path dataDir) throws IOException {
        Optional<String> fromEnv = fromEnvironment(env);
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /** Reads the key in {@code file}, or writes a new one there (mode 600) when there is none. */
    static String loadOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!key.isEmpty()) {
                restrictToOwner(file);
                return key;
            }
            Files.delete(file);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        String key = generate();
        try {
            // CREATE_NEW with the permissions set at creation: the key is never readable by others, not even
            // for a moment, and of two launchers starting together only one writes.
            createOwnerOnly(file);
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return key;
        } catch (FileAlreadyExistsException e) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
    }

    /** A new key: {@value #PREFIX} and 32 random bytes in unpadded base64url. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<String> fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing finer to set.
        }
    }
}
