package app.goblina.infra.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An image tarball as {@code docker save} writes it and Jib's {@code buildTar} makes it ({@code manifest.json}, the
 * image config, one gzipped tar per layer), read back: its tags and config, and its layers unpacked in order into
 * one folder, the file system a container of it starts with. Unpacking uses the system's {@code tar}, which keeps
 * modes and owners as the layers give them.
 */
final class ImageTarball implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final List<String> repoTags;
    private final JsonNode config;

    private ImageTarball(Path folder, List<String> repoTags, JsonNode config) {
        this.folder = folder;
        this.repoTags = repoTags;
        this.config = config;
    }

    /** Where {@code mvn -Pimages package} leaves the tarball of module {@code module} (api, worker). */
    static Path builtBy(String module) {
        Path root = Path.of(System.getProperty("goblina.root", "..")).toAbsolutePath().normalize();
        return root.resolve(module).resolve("target").resolve("goblina-" + module + "-image.tar");
    }

    static ImageTarball unpack(Path tarball) throws IOException {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException(tarball + " is missing: it is built by mvn -Pimages package (./goblina test)");
        }
        Path folder = Files.createTempDirectory("goblina-image-");
        try {
            untar(tarball, folder, false);
            JsonNode manifest = JSON.readTree(folder.resolve("manifest.json").toFile()).get(0);
            List<String> tags = new ArrayList<>();
            manifest.get("RepoTags").forEach(tag -> tags.add(tag.asText()));
            JsonNode config = JSON.readTree(folder.resolve(manifest.get("Config").asText()).toFile());
            Path rootfs = Files.createDirectory(folder.resolve("rootfs"));
            for (JsonNode layer : manifest.get("Layers")) {
                untar(folder.resolve(layer.asText()), rootfs, true);
            }
            return new ImageTarball(folder, List.copyOf(tags), config);
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    List<String> repoTags() {
        return repoTags;
    }

    /** The image config's {@code config} object: Entrypoint, User, Env, ExposedPorts, WorkingDir. */
    JsonNode runConfig() {
        return config.get("config");
    }

    String architecture() {
        return config.path("architecture").asText();
    }

    List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        runConfig().path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        return entrypoint;
    }

    String user() {
        return runConfig().path("User").asText();
    }

    String workingDir() {
        return runConfig().path("WorkingDir").asText("/");
    }

    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        runConfig().path("Env").forEach(entry -> {
            String[] pair = entry.asText().split("=", 2);
            environment.put(pair[0], pair.length > 1 ? pair[1] : "");
        });
        return environment;
    }

    List<String> exposedPorts() {
        List<String> ports = new ArrayList<>();
        runConfig().path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        return ports;
    }

    /** The unpacked file system. */
    Path rootfs() {
        return folder.resolve("rootfs");
    }

    @Override
    public void close() throws IOException {
        delete(folder);
    }

    private static void untar(Path archive, Path into, boolean gzipped) throws IOException {
        List<String> command = new ArrayList<>(List.of("tar", "--warning=no-unknown-keyword", "--same-owner",
                "--same-permissions", gzipped ? "-xzf" : "-xf", archive.toString(), "-C", into.toString()));
        Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        try {
            if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                tar.destroyForcibly();
                throw new IOException("tar could not unpack " + archive + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted unpacking " + archive, e);
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
