package app.goblina.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml}, {@code .env.example} and the Prometheus configuration they mount, read and checked
 * against the code and the images: compose itself needs a Docker engine, which the build does not assume.
 */
class ComposeFileTest {

    private static final Path ROOT = DeployFiles.root();
    private static final JsonNode COMPOSE = DeployFiles.yaml(ROOT.resolve("docker-compose.yml"));
    private static final JsonNode SERVICES = COMPOSE.get("services");
    private static final List<String> PLATFORM = List.of("api", "worker", "dashboard");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?[-?])?([^}]*)}");
    private static final Pattern ENV_LINE = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$", Pattern.MULTILINE);

    @Test
    void thePlatformServicesRunTheImagesTheBuildMakes() {
        assertThat(SERVICES.get("api").get("image").asText()).isEqualTo("goblina/api:${GOBLINA_VERSION:-latest}");
        assertThat(SERVICES.get("worker").get("image").asText()).isEqualTo("goblina/worker:${GOBLINA_VERSION:-latest}");
        assertThat(SERVICES.get("dashboard").get("image").asText()).isEqualTo(SERVICES.get("worker").get("image").asText());
        for (String module : List.of("api", "worker")) {
            assertThat(DeployFiles.read(ROOT.resolve(module).resolve("pom.xml")))
                    .contains("<image.name>" + module + "</image.name>");
        }
    }

    @Test
    void everyServiceRestartsUnlessStoppedAndHasAHealthCheck() {
        SERVICES.fieldNames().forEachRemaining(name -> {
            JsonNode service = SERVICES.get(name);
            assertThat(service.path("restart").asText()).as(name + " restart").isEqualTo("unless-stopped");
            assertThat(service.path("healthcheck").path("test").isArray()).as(name + " healthcheck").isTrue();
        });
    }

    @Test
    void thePlatformWaitsForHealthyDatabaseRedisAndStorageAndChecksItselfWithTheImagesHealthProbe() {
        for (String name : PLATFORM) {
            JsonNode service = SERVICES.get(name);
            for (String dependency : List.of("postgres", "redis", "minio")) {
                assertThat(service.path("depends_on").path(dependency).path("condition").asText())
                        .as(name + " waits for " + dependency).isEqualTo("service_healthy");
            }
            List<String> test = DeployFiles.each(service.get("healthcheck").get("test")).stream().map(JsonNode::asText)
                    .toList();
            String port = name.equals("api") ? "8080" : "8081";
            assertThat(test).as(name).startsWith("CMD", "/opt/java/bin/java")
                    .contains("app.goblina.http.HealthProbe", "http://127.0.0.1:" + port + "/health");
        }
        assertThat(environment("api")).containsEntry("GOBLINA_API_PORT", "8080");
    }

    @Test
    void theWorkerPoolScalesBecauseNoReplicaHasAFixedNameOrHostPort() {
        JsonNode worker = SERVICES.get("worker");
        assertThat(worker.has("container_name")).isFalse();
        assertThat(worker.has("ports")).isFalse();
        assertThat(environment("worker")).doesNotContainKey("GOBLINA_DASHBOARD_ENABLED");
    }

    @Test
    void workersGetLongerToStopThanTheJobServerWaitsForRunningJobs() {
        for (String name : List.of("worker", "dashboard")) {
            Duration grace = Duration.parse("PT" + SERVICES.get(name).get("stop_grace_period").asText().toUpperCase());
            assertThat(grace).as(name).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        }
    }

    @Test
    void exactlyOneWorkerServesTheDashboardOnEveryInterfaceBehindALogin() {
        Map<String, String> dashboard = environment("dashboard");
        assertThat(dashboard).containsEntry("GOBLINA_DASHBOARD_ENABLED", "true")
                .containsEntry("GOBLINA_DASHBOARD_HOST", "0.0.0.0").containsEntry("GOBLINA_DASHBOARD_PORT", "8000")
                .containsKeys("GOBLINA_DASHBOARD_USERNAME");
        assertThat(dashboard.get("GOBLINA_DASHBOARD_PASSWORD")).startsWith("${GOBLINA_DASHBOARD_PASSWORD:?");
        assertThat(environment("api")).doesNotContainKeys("GOBLINA_DASHBOARD_ENABLED", "GOBLINA_DASHBOARD_PASSWORD");
    }

    @Test
    void everyVariableThePlatformServicesAreGivenIsOneTheCodeReads() {
        CodeSettings code = CodeSettings.load();
        for (String name : PLATFORM) {
            assertThat(environment(name).keySet()).as(name).isNotEmpty()
                    .allSatisfy(variable -> assertThat(code.reads(variable)).as(name + ": " + variable).isTrue());
        }
    }

    @Test
    void thePlatformKeepsItsFilesInMinioAndLinksToItAtTheAddressBrowsersReach() {
        for (String name : PLATFORM) {
            assertThat(environment(name)).containsEntry("GOBLINA_STORAGE_KIND", "s3")
                    .containsEntry("GOBLINA_STORAGE_ENDPOINT", "http://minio:9000")
                    .containsKey("GOBLINA_STORAGE_PRESIGN_ENDPOINT")
                    .containsEntry("DATABASE_URL", "jdbc:postgresql://postgres:5432/${POSTGRES_DB:-goblina}")
                    .containsEntry("REDIS_URL", "redis://redis:6379");
        }
        assertThat(DeployFiles.each(SERVICES.get("minio").get("ports")).stream().map(JsonNode::asText))
                .contains("${MINIO_PORT:-9000}:9000");
    }

    @Test
    void everyVariableComposeInterpolatesIsInEnvExampleAndEveryPasswordThereIsLeftToTheUser() {
        Map<String, String> example = envExample();
        Map<String, String> interpolated = interpolations();

        assertThat(interpolated).isNotEmpty();
        assertThat(example.keySet()).as(".env.example documents what compose reads")
                .containsAll(interpolated.keySet());
        assertThat(interpolated.keySet()).as("compose reads what .env.example documents")
                .containsAll(example.keySet());
        interpolated.forEach((variable, how) -> {
            if (how.equals(":?")) {
                assertThat(example.get(variable)).as(variable + " must be set by the user").isEmpty();
            }
        });
        assertThat(interpolated).containsEntry("POSTGRES_PASSWORD", ":?").containsEntry("MINIO_ROOT_PASSWORD", ":?")
                .containsEntry("GOBLINA_ADMIN_API_KEY", ":?").containsEntry("GRAFANA_ADMIN_PASSWORD", ":?");
    }

    @Test
    void everyFileComposeMountsFromTheRepositoryExists() {
        Set<String> mounted = new LinkedHashSet<>();
        SERVICES.fieldNames().forEachRemaining(name -> DeployFiles.each(SERVICES.get(name).path("volumes"))
                .forEach(volume -> {
                    String source = volume.asText().split(":")[0];
                    if (source.startsWith("./")) {
                        mounted.add(source);
                    }
                }));

        assertThat(mounted).contains("./infra/prometheus/prometheus.yml", "./dashboards/provisioning", "./dashboards");
        assertThat(mounted).allSatisfy(source -> assertThat(Files.exists(ROOT.resolve(source))).as(source).isTrue());
        assertThat(COMPOSE.get("volumes").has("postgres-data")).isTrue();
    }

    @Test
    void prometheusScrapesTheApiAndEveryWorkerReplicaWhereTheyServeMetrics() {
        JsonNode prometheus = DeployFiles.yaml(ROOT.resolve("infra/prometheus/prometheus.yml"));
        Map<String, String> targets = new LinkedHashMap<>();
        for (JsonNode job : DeployFiles.each(prometheus.get("scrape_configs"))) {
            assertThat(job.get("metrics_path").asText()).isEqualTo("/prometheus");
            for (JsonNode discovery : DeployFiles.each(job.get("dns_sd_configs"))) {
                for (JsonNode name : DeployFiles.each(discovery.get("names"))) {
                    targets.put(name.asText(), discovery.get("port").asText());
                }
            }
        }

        assertThat(targets).containsExactlyInAnyOrderEntriesOf(Map.of("api", "8080", "worker", "8081",
                "dashboard", "8081"));
        assertThat(targets.keySet()).allSatisfy(service -> assertThat(SERVICES.has(service)).isTrue());
    }

    /** A service's environment as written, merged from its anchors. */
    private static Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode variables = SERVICES.get(service).path("environment");
        variables.fieldNames().forEachRemaining(name -> environment.put(name, variables.get(name).asText()));
        return environment;
    }

    private static Map<String, String> interpolations() {
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher m = INTERPOLATION.matcher(DeployFiles.read(ROOT.resolve("docker-compose.yml")));
        while (m.find()) {
            String how = m.group(2) == null ? "" : m.group(2);
            variables.merge(m.group(1), how, (a, b) -> a.equals(":?") ? a : b);
        }
        return variables;
    }

    private static Map<String, String> envExample() {
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher m = ENV_LINE.matcher(DeployFiles.read(ROOT.resolve(".env.example")));
        while (m.find()) {
            variables.put(m.group(1), m.group(2).strip());
        }
        return variables;
    }
}
