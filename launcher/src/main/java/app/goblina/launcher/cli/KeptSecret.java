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
 * A secret the launcher hands to the platform: the environment variable {@code env} when set, else one generated on
 * first use and kept in {@code <dataDir>/<fileName>}, readable by its owner only, so it stays the same across starts
 * and commands in another terminal can read it.
 *
 * @param env      the environment variable that overrides the file
 * @param fileName the file in the data directory
 * @param prefix   what a generated secret starts with, to say what it is
 */
record KeptSecret(String env, String fileName, String prefix) {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The key from the environment, else from the key file, creating the file on first use. */
    String resolve(Map<String, String> env, Path dataDir) throws IOException {
        Optional<String> fromEnv = fromEnvironment(env);
        return fromEnv.isPresent() ? fromEnv.get() : loadOrCreate(dataDir.resolve(fileName));
    }

    /** The key from the environment, else from the key file if there is one; never creates anything. */
    Optional<String> existing(Map<String, String> env, Path dataDir) throws IOException {
        Optional<String> fromEnv = fromEnvironment(env);
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        Path file = dataDir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /** Reads the key in {@code file}, or writes a new one there (mode 600) when there is none. */
    String loadOrCreate(Path file) throws IOException {
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

    /** A new key: {@code prefix} and 32 random bytes in unpadded base64url. */
    String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Optional<String> fromEnvironment(Map<String, String> env) {
        String value = env.get(this.env);
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
