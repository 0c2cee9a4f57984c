package app.goblina.infra.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the code reads and serves, gathered from the code and the README rather than written down a second time: the
 * environment variables (the {@code ${...}} placeholders of the API's and the worker's application.yml, and every
 * variable of README's tables that the API or a worker reads), the metric families the API exports (README's
 * Metrics table), and the paths of the HTTP controllers.
 */
final class CodeSettings {

    /** Read by the JVM itself, not by Goblina's code. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern BACKTICKED = Pattern.compile("`(_?[A-Z][A-Z0-9_]*)`");
    private static final Pattern METRIC = Pattern.compile("`([a-z_][a-z0-9_*]*)`");
    private static final Pattern CONTROLLER = Pattern.compile("@Controller\\(\"([^\"]*)\"\\)");
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    /** A variable a README row names by its suffix after a full name, as in {@code `GOBLINA_X_A` / `_B`}. */
    private record Abbreviated(String fullName, String suffix) {

        boolean means(String name) {
            if (!name.endsWith(suffix) || name.length() == suffix.length()) {
                return false;
            }
            String prefix = name.substring(0, name.length() - suffix.length());
            return fullName.startsWith(prefix + "_");
        }
    }

    private final Set<String> variables = new LinkedHashSet<>();
    private final List<Abbreviated> abbreviated = new ArrayList<>();
    private final Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
    private final Map<String, String> metricFamilies = new LinkedHashMap<>();
    private final Path root;

    private CodeSettings(Path root) {
        this.root = root;
        for (String module : List.of("api", "worker")) {
            Map<String, String> moduleDefaults = new LinkedHashMap<>();
            Matcher m = PLACEHOLDER.matcher(DeployFiles.read(applicationYml(module)));
            while (m.find()) {
                variables.add(m.group(1));
                if (m.group(2) != null) {
                    moduleDefaults.put(m.group(1), m.group(2));
                }
            }
            defaults.put(module, moduleDefaults);
        }
        readReadme(DeployFiles.read(root.resolve("README.md")));
    }

    static CodeSettings load() {
        return new CodeSettings(DeployFiles.root());
    }

    private Path applicationYml(String module) {
        return root.resolve(module).resolve("src/main/resources/application.yml");
    }

    private void readReadme(String readme) {
        String table = null;
        for (String line : readme.split("\n")) {
            if (!line.startsWith("|")) {
                table = null;
                continue;
            }
            List<String> cells = cells(line);
            if (table == null) {
                table = cells.isEmpty() ? "" : cells.get(0);
                continue;
            }
            if (cells.isEmpty() || cells.get(0).startsWith("---")) {
                continue;
            }
            if (table.equals("variable")) {
                String meaning = cells.size() > 2 ? cells.get(2) : "";
                if (!meaning.startsWith("launcher:")) {
                    variableRow(cells.get(0));
                }
            } else if (table.equals("family") && cells.size() > 1) {
                Matcher m = METRIC.matcher(cells.get(0));
                while (m.find()) {
                    metricFamilies.put(m.group(1), cells.get(1));
                }
            }
        }
    }

    private void variableRow(String names) {
        String lastFull = null;
        Matcher m = BACKTICKED.matcher(names);
        while (m.find()) {
            String token = m.group(1);
            if (token.startsWith("_")) {
                if (lastFull != null) {
                    abbreviated.add(new Abbreviated(lastFull, token));
                }
            } else {
                variables.add(token);
                lastFull = token;
            }
        }
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        return Stream.of(CELL_SEPARATOR.split(inner, -1)).map(String::strip).toList();
    }

    /** Whether the API or a worker reads this environment variable (or the JVM does). */
    boolean reads(String variable) {
        return variables.contains(variable) || JVM_VARIABLES.contains(variable)
                || abbreviated.stream().anyMatch(a -> a.means(variable));
    }

    /** The default application.yml gives a variable in a module ("api", "worker"), if any. */
    Optional<String> defaultIn(String module, String variable) {
        return Optional.ofNullable(defaults.get(module).get(variable));
    }

    /** The metric families README's Metrics table says the API exports (its rows "api" and "both"). */
    Set<String> apiMetricFamilies() {
        Set<String> families = new LinkedHashSet<>();
        metricFamilies.forEach((family, where) -> {
            if (where.equals("api") || where.equals("both")) {
                families.add(family);
            }
        });
        return families;
    }

    /** The paths of the module's HTTP controllers ({@code @Controller("/health")}). */
    Set<String> controllerPaths(String module) {
        Set<String> paths = new LinkedHashSet<>();
        try (Stream<Path> sources = Files.walk(root.resolve(module).resolve("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CONTROLLER.matcher(DeployFiles.read(source));
                while (m.find()) {
                    paths.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    /** Names that should come from a secret store, never from a ConfigMap or a literal. */
    static boolean secretWorthy(String variable) {
        return variable.endsWith("_KEY") || variable.endsWith("_PASSWORD") || variable.endsWith("_SECRET")
                || variable.endsWith("_TOKEN");
    }
}
