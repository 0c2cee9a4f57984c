package app.goblina.launcher.processes;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds stand-ins for the api and worker modules into a temporary repository root, laid out as the real build
 * leaves them ({@code <module>/target/goblina-<module>.jar} and {@code classpath.txt}), so the platform's process
 * handling can be tested without the real modules. Each stand-in writes its environment and system properties
 * to {@code $FAKE_REPORT_DIR/<name>.env}, and behaves as the {@code FAKE_*} variables say.
 */
final class FakeModules {

    private static final String API = """
            package app.goblina.api;

            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;

            public class ApiApplication {
                public static void main(String[] args) throws Exception {
                    app.goblina.fake.Report.write("api");
                    System.out.println("fake api starting");
                    if ("crash".equals(System.getenv("FAKE_API_MODE"))) {
                        System.out.println("boom: the fake api cannot start");
                        System.exit(3);
                    }
                    int port = Integer.parseInt(System.getenv("MICRONAUT_SERVER_PORT"));
                    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                    server.createContext("/health", exchange -> {
                        byte[] body = "{\\"status\\":\\"UP\\"}".getBytes();
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                    app.goblina.fake.Report.onStop("api");
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            """;

    private static final String WORKER = """
            package app.goblina.worker;

            import java.net.ServerSocket;

            public class WorkerApplication {
                public static void main(String[] args) throws Exception {
                    String name = System.getenv("GOBLINA_WORKER_NAME");
                    app.goblina.fake.Report.write(name);
                    System.out.println("fake " + name + " starting");
                    ServerSocket dashboard = null;
                    if ("true".equals(System.getenv("GOBLINA_DASHBOARD_ENABLED"))) {
                        dashboard = new ServerSocket(Integer.parseInt(System.getenv("GOBLINA_DASHBOARD_PORT")));
                    }
                    app.goblina.fake.Report.onStop(name);
                    String exitAfter = System.getenv("FAKE_WORKER_EXIT_AFTER_MS");
                    if (exitAfter != null) {
                        Thread.sleep(Long.parseLong(exitAfter));
                        System.out.println("fake " + name + " gives up");
                        System.exit(7);
                    }
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            """;

    private static final String REPORT = """
            package app.goblina.fake;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.Map;
            import java.util.TreeMap;

            public class Report {
                public static void write(String name) throws Exception {
                    Map<String, String> lines = new TreeMap<>(System.getenv());
                    System.getProperties().forEach((k, v) -> lines.put("property." + k, String.valueOf(v)));
                    lines.put("maxMemory", Long.toString(Runtime.getRuntime().maxMemory()));
                    StringBuilder text = new StringBuilder();
                    lines.forEach((k, v) -> text.append(k).append('=').append(v).append('\\n'));
                    Files.writeString(Path.of(System.getenv("FAKE_REPORT_DIR"), name + ".env"), text);
                }

                public static void onStop(String name) {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            Files.writeString(Path.of(System.getenv("FAKE_REPORT_DIR"), name + ".stopped"), "yes");
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }));
                }
            }
            """;

    private FakeModules() {
    }

    /** Writes the built stand-ins under {@code repoRoot}. */
    static void build(Path repoRoot) throws IOException {
        Path sources = Files.createDirectories(repoRoot.resolve("fake-src"));
        Path classes = Files.createDirectories(repoRoot.resolve("fake-classes"));
        List<Path> files = List.of(
                write(sources.resolve("ApiApplication.java"), API),
                write(sources.resolve("WorkerApplication.java"), WORKER),
                write(sources.resolve("Report.java"), REPORT));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String[] args = Stream.concat(Stream.of("-d", classes.toString(), "--release", "21"),
                files.stream().map(Path::toString)).toArray(String[]::new);
        if (compiler.run(null, null, null, args) != 0) {
            throw new IllegalStateException("the stand-ins do not compile");
        }
        for (String module : List.of("api", "worker")) {
            Path target = Files.createDirectories(repoRoot.resolve(module).resolve("target"));
            jar(classes, target.resolve("goblina-" + module + ".jar"));
            Files.writeString(target.resolve("classpath.txt"), "");
        }
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }

    private static void jar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }
}
