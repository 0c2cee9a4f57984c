package app.goblina.infra.deploy;

import static app.goblina.infra.deploy.DeployFiles.each;
import static app.goblina.infra.deploy.DeployFiles.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * infra/railway.json and infra/render.yaml: only the fields their platforms document, health checks on paths the
 * API serves, the images the build makes, and every reference wired to a resource the file declares.
 */
class HostedPlatformsTest {

    /** Railway's Config as Code fields (https://docs.railway.com/config-as-code/reference). */
    private static final Set<String> RAILWAY_ROOT = Set.of("$schema", "build", "deploy", "environments");
    private static final Set<String> RAILWAY_BUILD = Set.of("builder", "watchPatterns", "buildCommand",
            "dockerfilePath", "railpackVersion");
    private static final Set<String> RAILWAY_DEPLOY = Set.of("startCommand", "preDeployCommand", "multiRegionConfig",
            "healthcheckPath", "healthcheckTimeout", "restartPolicyType", "restartPolicyMaxRetries", "cronSchedule",
            "overlapSeconds", "drainingSeconds");
    private static final Set<String> RAILWAY_NUMBERS = Set.of("healthcheckTimeout", "restartPolicyMaxRetries",
            "overlapSeconds", "drainingSeconds");

    /** Render Blueprint fields (https://render.com/docs/blueprint-spec) of the resources render.yaml declares. */
    private static final Set<String> RENDER_ROOT = Set.of("services", "databases", "envVarGroups", "projects",
            "ungrouped", "previews");
    private static final Set<String> RENDER_SERVICE = Set.of("type", "name", "runtime", "image", "plan", "region",
            "numInstances", "scaling", "healthCheckPath", "maxShutdownDelaySeconds", "envVars", "domains",
            "preDeployCommand", "dockerCommand", "autoDeployTrigger", "maxmemoryPolicy", "ipAllowList", "previews");
    private static final Set<String> RENDER_DATABASE = Set.of("name", "databaseName", "user", "plan", "region",
            "postgresMajorVersion", "diskSizeGB", "ipAllowList", "highAvailability", "readReplicas", "previewPlan");
    private static final Set<String> RENDER_DATABASE_PROPERTIES = Set.of("connectionString", "connectionPoolString",
            "host", "port", "user", "password", "database");
    private static final Set<String> RENDER_KEYVALUE_PROPERTIES = Set.of("connectionString", "host", "port");

    private final HostedPlatforms hosted = HostedPlatforms.load();
    private final CodeSettings code = CodeSettings.load();

    @Test
    void railwayConfigUsesOnlyTheFieldsRailwayDocuments() {
        JsonNode railway = hosted.railway();
        assertThat(fieldNames(railway)).isSubsetOf(RAILWAY_ROOT);
        assertThat(fieldNames(railway.path("build"))).isSubsetOf(RAILWAY_BUILD);
        assertThat(fieldNames(railway.path("deploy"))).isNotEmpty().isSubsetOf(RAILWAY_DEPLOY);
        assertThat(railway.path("$schema").asText()).isEqualTo("https://railway.com/railway.schema.json");
        // The schema types these as numbers: a string there fails the deploy.
        for (String field : RAILWAY_NUMBERS) {
            if (railway.path("deploy").has(field)) {
                assertThat(railway.path("deploy").path(field).isNumber()).as("deploy.%s is a number", field).isTrue();
            }
        }
        assertThat(railway.path("deploy").path("restartPolicyType").asText()).isIn("ON_FAILURE", "ALWAYS", "NEVER");
        // An image deploy: nothing to build.
        assertThat(railway.has("build")).isFalse();
    }

    @Test
    void railwayChecksAHealthPathTheApiServes() {
        String path = hosted.railway().path("deploy").path("healthcheckPath").asText();
        assertThat(path).isEqualTo("/health");
        assertThat(code.controllerPaths("api")).contains(path);
    }

    @Test
    void renderUsesOnlyTheFieldsTheBlueprintSpecDocuments() {
        assertThat(fieldNames(hosted.render())).isSubsetOf(RENDER_ROOT);
        assertThat(hosted.renderServices()).allSatisfy(s -> assertThat(fieldNames(s)).as(s.path("name").asText())
                .isSubsetOf(RENDER_SERVICE));
        assertThat(hosted.renderDatabases()).allSatisfy(d -> assertThat(fieldNames(d)).as(d.path("name").asText())
                .isSubsetOf(RENDER_DATABASE));
        for (JsonNode service : hosted.renderServices()) {
            assertThat(service.path("type").asText()).isIn("web", "worker", "pserv", "keyvalue");
            for (JsonNode env : each(service.path("envVars"))) {
                Set<String> sources = Set.copyOf(fieldNames(env));
                assertThat(sources).as("%s of %s", env.path("key"), service.path("name")).contains("key");
                assertThat(sources.stream().filter(f -> !f.equals("key")).toList())
                        .as("one source for %s of %s", env.path("key"), service.path("name")).hasSize(1)
                        .allSatisfy(f -> assertThat(f).isIn("value", "sync", "generateValue", "fromDatabase",
                                "fromService"));
            }
            if (service.path("type").asText().equals("keyvalue")) {
                assertThat(service.has("ipAllowList")).as("Key Value needs an ipAllowList").isTrue();
            }
        }
    }

    @Test
    void renderRunsTheApiAsAWebServiceAndTheWorkersAsABackgroundWorkerFromTheirImages() {
        JsonNode api = hosted.renderService("goblina-api").orElseThrow();
        assertThat(api.path("type").asText()).isEqualTo("web");
        assertThat(api.path("runtime").asText()).isEqualTo("image");
        assertThat(api.path("image").path("url").asText()).matches("(.+/)?goblina/api:" + quoted(DeployFiles.VERSION));

        JsonNode worker = hosted.renderService("goblina-worker").orElseThrow();
        assertThat(worker.path("type").asText()).isEqualTo("worker");
        assertThat(worker.path("runtime").asText()).isEqualTo("image");
        assertThat(worker.path("image").path("url").asText())
                .matches("(.+/)?goblina/worker:" + quoted(DeployFiles.VERSION));
        assertThat(HostedPlatforms.envVar(worker, "GOBLINA_DASHBOARD_ENABLED")).as("the dashboard on Render").isEmpty();
    }

    @Test
    void renderChecksAHealthPathTheApiServesOnThePortItListensOn() {
        JsonNode api = hosted.renderService("goblina-api").orElseThrow();
        assertThat(api.path("healthCheckPath").asText()).isEqualTo("/health");
        assertThat(code.controllerPaths("api")).contains(api.path("healthCheckPath").asText());
        // Render sends a web service's traffic and health checks to PORT, 10000 unless changed; the API listens there.
        assertThat(HostedPlatforms.envVar(api, "GOBLINA_API_PORT")).hasValueSatisfying(
                e -> assertThat(e.path("value").asText()).isEqualTo("10000"));
    }

    @Test
    void renderWiresEveryReferenceToAResourceTheBlueprintDeclares() {
        Set<String> databases = hosted.renderDatabases().stream().map(d -> d.path("name").asText())
                .collect(Collectors.toSet());
        for (JsonNode service : hosted.renderServices()) {
            for (JsonNode env : each(service.path("envVars"))) {
                JsonNode database = env.path("fromDatabase");
                if (database.isObject()) {
                    assertThat(databases).as("database of %s", env.path("key"))
                            .contains(database.path("name").asText());
                    assertThat(database.path("property").asText()).isIn(RENDER_DATABASE_PROPERTIES);
                }
                JsonNode from = env.path("fromService");
                if (from.isObject()) {
                    JsonNode target = hosted.renderService(from.path("name").asText()).orElseThrow(
                            () -> new AssertionError("no service " + from.path("name") + " for " + env.path("key")));
                    assertThat(target.path("type").asText()).isEqualTo(from.path("type").asText());
                    if (target.path("type").asText().equals("keyvalue")) {
                        assertThat(from.path("property").asText()).isIn(RENDER_KEYVALUE_PROPERTIES);
                    }
                }
            }
        }
        assertThat(hosted.renderServices().stream().filter(s -> s.path("type").asText().equals("keyvalue")))
                .hasSize(1);
        assertThat(databases).hasSize(1);
    }

    @Test
    void renderNeverHandsPostgresConnectionUrlsToTheJdbcUrl() {
        for (String name : List.of("goblina-api", "goblina-worker")) {
            JsonNode service = hosted.renderService(name).orElseThrow();
            JsonNode url = HostedPlatforms.envVar(service, "DATABASE_URL").orElseThrow();
            // The JDBC driver takes jdbc:postgresql:// only, and Goblina does not rewrite postgres:// URLs.
            assertThat(url.has("fromDatabase")).as("DATABASE_URL of %s from the database's URL", name).isFalse();
            if (url.has("value")) {
                assertThat(url.path("value").asText()).startsWith("jdbc:postgresql://");
            } else {
                assertThat(url.path("sync").asBoolean(true)).isFalse();
            }
            for (String credential : List.of("DATABASE_USER", "DATABASE_PASSWORD")) {
                assertThat(HostedPlatforms.envVar(service, credential)).as("%s of %s", credential, name)
                        .hasValueSatisfying(e -> assertThat(e.path("fromDatabase").isObject()).isTrue());
            }
        }
    }

    private static String quoted(String literal) {
        return Pattern.quote(literal);
    }
}
