package app.goblina.infra.deploy;

import static app.goblina.infra.deploy.DeployFiles.each;
import static app.goblina.infra.deploy.KubernetesManifests.containers;
import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.infra.deploy.KubernetesManifests.Manifest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The environment every deployment file sets (infra/k8s, infra/railway.json, infra/render.yaml) against the
 * variables the code reads, and the secret-worthy ones kept in secret stores.
 */
class EnvironmentVariablesTest {

    /** user:password@ in a URL, or a password parameter. */
    private static final Pattern CREDENTIALS = Pattern.compile("://[^/@\\s]*:[^/@\\s]*@|[?&;]password=",
            Pattern.CASE_INSENSITIVE);

    private final CodeSettings code = CodeSettings.load();
    private final KubernetesManifests manifests = KubernetesManifests.load();
    private final HostedPlatforms hosted = HostedPlatforms.load();

    @Test
    void theCodeSettingsAreReadFromTheApplicationFilesAndTheReadme() {
        // application.yml placeholders, README's Configuration table, its provider tables and abbreviated rows.
        assertThat(List.of("DATABASE_URL", "REDIS_URL", "GOBLINA_API_PORT", "GOBLINA_WORKER_HTTP_PORT",
                "GOBLINA_STORAGE_SECRET_KEY", "GOBLINA_DASHBOARD_PASSWORD", "REPLICATE_API_TOKEN", "FAL_KEY",
                "GOBLINA_OPENAI_WRITING_MODEL", "GOBLINA_BOOTSTRAP_UPLOADS_PER_DAY_MAX"))
                .allSatisfy(variable -> assertThat(code.reads(variable)).as(variable).isTrue());
        // Only the launcher reads these, and nothing reads the last.
        assertThat(List.of("GOBLINA_WORKERS", "GOBLINA_API_URL", "GOBLINA_WORKER_THREAD", "DATABASE_HOST"))
                .allSatisfy(variable -> assertThat(code.reads(variable)).as(variable).isFalse());
    }

    @Test
    void everyVariableTheDeploymentFilesSetIsOneTheCodeReads() {
        Map<String, String> set = variablesSet();
        assertThat(set).isNotEmpty();
        set.forEach((variable, where) -> assertThat(code.reads(variable))
                .as("%s, set in %s, is read by no process (README.md, Configuration)", variable, where).isTrue());
    }

    @Test
    void noSecretWorthyVariableIsSetInAConfigMapOrAsALiteral() {
        manifests.configMapData().forEach((variable, value) -> {
            assertThat(CodeSettings.secretWorthy(variable)).as("%s in ConfigMap %s", variable,
                    KubernetesManifests.CONFIG_MAP).isFalse();
            assertThat(CREDENTIALS.matcher(value).find()).as("%s carries credentials: %s", variable, value).isFalse();
        });
        for (Manifest deployment : manifests.deployments()) {
            for (JsonNode c : containers(deployment)) {
                for (JsonNode env : each(c.path("env"))) {
                    String variable = env.path("name").asText();
                    if (CodeSettings.secretWorthy(variable)) {
                        assertThat(env.path("valueFrom").path("secretKeyRef").isObject())
                                .as("%s in %s comes from a Secret", variable, deployment).isTrue();
                    }
                    assertThat(CREDENTIALS.matcher(env.path("value").asText()).find())
                            .as("%s in %s carries credentials", variable, deployment).isFalse();
                }
                assertThat(each(c.path("envFrom"))).as("envFrom of %s", deployment)
                        .allSatisfy(from -> assertThat(from.has("secretRef")).isFalse());
            }
        }
        for (JsonNode service : hosted.renderServices()) {
            for (JsonNode env : each(service.path("envVars"))) {
                String variable = env.path("key").asText();
                if (CodeSettings.secretWorthy(variable)) {
                    String name = service.path("name").asText();
                    assertThat(env.has("value")).as("%s of Render service %s is a literal", variable, name).isFalse();
                    assertThat(!env.path("sync").asBoolean(true) || env.has("fromDatabase")
                            || env.has("fromService") || env.has("generateValue"))
                            .as("%s of Render service %s is asked for or wired", variable, name).isTrue();
                }
                assertThat(CREDENTIALS.matcher(env.path("value").asText()).find())
                        .as("%s of Render service %s carries credentials", variable, service.path("name").asText())
                        .isFalse();
            }
        }
    }

    /** Every variable a deployment file sets, with where it is set. */
    private Map<String, String> variablesSet() {
        Map<String, String> set = new LinkedHashMap<>();
        manifests.configMapData().keySet().forEach(v -> set.put(v, "ConfigMap " + KubernetesManifests.CONFIG_MAP));
        for (Manifest deployment : manifests.deployments()) {
            for (JsonNode c : containers(deployment)) {
                each(c.path("env")).forEach(env -> set.put(env.path("name").asText(), deployment.toString()));
            }
        }
        for (JsonNode service : hosted.renderServices()) {
            each(service.path("envVars")).forEach(env -> set.put(env.path("key").asText(),
                    "render.yaml " + service.path("name").asText()));
        }
        hosted.railwayVariables().forEach(v -> set.put(v, "railway.json"));
        return set;
    }
}
