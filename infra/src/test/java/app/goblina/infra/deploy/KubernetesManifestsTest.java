package app.goblina.infra.deploy;

import static app.goblina.infra.deploy.DeployFiles.each;
import static app.goblina.infra.deploy.KubernetesManifests.containerPorts;
import static app.goblina.infra.deploy.KubernetesManifests.containers;
import static app.goblina.infra.deploy.KubernetesManifests.podLabels;
import static app.goblina.infra.deploy.KubernetesManifests.podSpec;
import static app.goblina.infra.deploy.KubernetesManifests.resolvePort;
import static app.goblina.infra.deploy.KubernetesManifests.selector;
import static app.goblina.infra.deploy.KubernetesManifests.selects;
import static app.goblina.infra.deploy.KubernetesManifests.strings;
import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.infra.deploy.KubernetesManifests.Manifest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** infra/k8s against itself and against the code: labels, ports, probes, resources, exposure, autoscaling. */
class KubernetesManifestsTest {

    /**
     * Peak RSS (VmHWM) measured with ./goblina up and one ./goblina demo (3 scenes, 1080x1920): the API, and the
     * worker that assembled the short. The memory requests must cover them.
     */
    private static final long API_PEAK_RSS_BYTES = 217L * 1000 * 1000;
    private static final long WORKER_PEAK_RSS_BYTES = 599L * 1000 * 1000;
    private static final long MIB = 1024L * 1024;
    /** Heap the JVMs may take of the memory limit, at most; the rest is metaspace, threads and native memory. */
    private static final int MAX_RAM_PERCENTAGE_CEILING = 75;
    /** The image's unprivileged user. */
    private static final int IMAGE_USER = 65532;

    private final KubernetesManifests manifests = KubernetesManifests.load();
    private final CodeSettings code = CodeSettings.load();

    @Test
    void everyDocumentNamesItsApiVersionKindAndName() {
        assertThat(manifests.all()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.node().path("apiVersion").asText()).as("apiVersion of %s", m).isNotBlank();
            assertThat(m.kind()).as("kind in %s", m.file()).isNotBlank();
            assertThat(m.name()).as("metadata.name of %s", m).isNotBlank();
            if (!m.kind().equals("Namespace")) {
                assertThat(m.node().path("metadata").path("namespace").asText("goblina")).as("namespace of %s", m)
                        .isEqualTo("goblina");
            }
        });
        assertThat(manifests.kustomization().path("namespace").asText()).isEqualTo("goblina");
    }

    @Test
    void theKustomizationListsExactlyTheManifestsPresentAndNotTheSecretTemplate() {
        Set<String> present = new LinkedHashSet<>();
        for (Path file : DeployFiles.yamlFilesIn(manifests.dir())) {
            present.add(file.getFileName().toString());
        }
        present.remove(KubernetesManifests.KUSTOMIZATION);
        assertThat(present).contains(KubernetesManifests.SECRET_TEMPLATE);
        present.remove(KubernetesManifests.SECRET_TEMPLATE);

        assertThat(manifests.resources()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(present);
        // The template is left out on purpose, and the kustomization says so where one would look for it.
        assertThat(DeployFiles.read(manifests.dir().resolve(KubernetesManifests.KUSTOMIZATION)))
                .contains("# Not listed, on purpose: " + KubernetesManifests.SECRET_TEMPLATE);
        assertThat(manifests.secretTemplate().kind()).isEqualTo("Secret");
        assertThat(manifests.secretTemplate().name()).isEqualTo(KubernetesManifests.SECRET);
    }

    @Test
    void everyDeploymentSelectsTheLabelsOfItsOwnPodsAndNoOthers() {
        List<Manifest> deployments = manifests.deployments();
        assertThat(deployments).extracting(Manifest::name)
                .containsExactlyInAnyOrder("goblina-api", "goblina-worker", "goblina-dashboard");
        for (Manifest deployment : deployments) {
            assertThat(selects(selector(deployment), podLabels(deployment)))
                    .as("%s selects its pod template's labels %s with %s", deployment, podLabels(deployment),
                            selector(deployment))
                    .isTrue();
            for (Manifest other : deployments) {
                if (other != deployment) {
                    assertThat(selects(selector(deployment), podLabels(other)))
                            .as("%s also selects the pods of %s", deployment, other).isFalse();
                }
            }
        }
    }

    @Test
    void everyContainerRunsThisVersionsImageWithCpuAndMemoryRequestsAndLimits() {
        for (Manifest deployment : manifests.deployments()) {
            assertThat(containers(deployment)).as("containers of %s", deployment).isNotEmpty().allSatisfy(c -> {
                String module = KubernetesManifests.module(c);
                assertThat(c.path("image").asText()).endsWith("goblina/" + module + ":" + DeployFiles.VERSION);
                for (String resource : List.of("cpu", "memory")) {
                    JsonNode resources = c.path("resources");
                    assertThat(resources.path("requests").path(resource).asText())
                            .as("%s request of %s", resource, deployment).isNotBlank();
                    assertThat(resources.path("limits").path(resource).asText())
                            .as("%s limit of %s", resource, deployment).isNotBlank();
                    assertThat(quantity(resource, resources.path("requests").path(resource).asText()))
                            .as("%s request of %s within its limit", resource, deployment)
                            .isLessThanOrEqualTo(quantity(resource, resources.path("limits").path(resource).asText()));
                }
            });
        }
    }

    @Test
    void memoryRequestsCoverThePeakRssMeasuredForEachProcess() {
        for (Manifest deployment : manifests.deployments()) {
            for (JsonNode c : containers(deployment)) {
                long peak = KubernetesManifests.module(c).equals("api") ? API_PEAK_RSS_BYTES : WORKER_PEAK_RSS_BYTES;
                assertThat(quantity("memory", c.path("resources").path("requests").path("memory").asText()))
                        .as("memory request of %s", deployment).isGreaterThanOrEqualTo(peak);
            }
        }
    }

    @Test
    void everyJvmCapsItsHeapToAShareOfItsMemoryLimit() {
        Pattern percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");
        for (Manifest deployment : manifests.deployments()) {
            for (JsonNode c : containers(deployment)) {
                String options = manifests.literal(c, "JAVA_TOOL_OPTIONS").orElse("");
                Matcher m = percentage.matcher(options);
                assertThat(m.find()).as("JAVA_TOOL_OPTIONS of %s sets -XX:MaxRAMPercentage: %s", deployment, options)
                        .isTrue();
                double share = Double.parseDouble(m.group(1));
                assertThat(share).as("MaxRAMPercentage of %s", deployment).isPositive()
                        .isLessThanOrEqualTo(MAX_RAM_PERCENTAGE_CEILING);
                long limit = quantity("memory", c.path("resources").path("limits").path("memory").asText());
                long heap = (long) (limit * share / 100);
                // The heap ./goblina up gives each process at least, so a pod accepts what the local platform does.
                long localHeap = KubernetesManifests.module(c).equals("api") ? 512 * MIB : 1024 * MIB;
                assertThat(heap).as("heap of %s", deployment).isGreaterThanOrEqualTo(localHeap);
                assertThat(limit - heap).as("memory left beside the heap in %s", deployment)
                        .isGreaterThanOrEqualTo(256 * MIB);
            }
        }
    }

    @Test
    void everyDeploymentProbesAPortItsContainerDeclares() {
        for (Manifest deployment : manifests.deployments()) {
            for (JsonNode c : containers(deployment)) {
                for (String kind : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    JsonNode probe = c.path(kind);
                    assertThat(probe.isObject()).as("%s of %s", kind, deployment).isTrue();
                    JsonNode port = probe.has("httpGet") ? probe.path("httpGet").path("port")
                            : probe.path("tcpSocket").path("port");
                    assertThat(resolvePort(c, port)).as("%s port %s of %s among %s", kind, port, deployment,
                            containerPorts(c)).isPresent();
                }
            }
        }
    }

    @Test
    void readinessAsksTheHealthPathOnThePortEachProcessListensOn() {
        for (Manifest deployment : manifests.deployments()) {
            for (JsonNode c : containers(deployment)) {
                String module = KubernetesManifests.module(c);
                JsonNode get = c.path("readinessProbe").path("httpGet");
                assertThat(get.path("path").asText()).as("readiness path of %s", deployment).isEqualTo("/health");
                assertThat(code.controllerPaths(module)).as("controllers of %s", module).contains("/health");
                int expected = module.equals("api") ? 8080 : 8081;
                assertThat(resolvePort(c, get.path("port"))).as("readiness port of %s", deployment).hasValue(expected);
                assertThat(listeningPort(c, module)).as("the port %s of %s listens on", module, deployment)
                        .hasValue(expected);
            }
        }
    }

    @Test
    void livenessDoesNotRestartPodsForADatabaseOutage() {
        for (Manifest deployment : manifests.deployments()) {
            for (JsonNode c : containers(deployment)) {
                JsonNode liveness = c.path("livenessProbe");
                boolean tcp = liveness.has("tcpSocket");
                // An HTTP liveness probe on /health, which follows the database, would need to outlast an outage.
                long window = liveness.path("periodSeconds").asLong(10) * liveness.path("failureThreshold").asLong(3);
                assertThat(tcp || window >= 600).as("liveness of %s: %s", deployment, liveness).isTrue();
            }
        }
    }

    @Test
    void everyPodRunsAsTheImagesUserOnAReadOnlyRootWithAWritableTmp() {
        for (Manifest deployment : manifests.deployments()) {
            JsonNode pod = podSpec(deployment);
            JsonNode security = pod.path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean()).as("runAsNonRoot of %s", deployment).isTrue();
            assertThat(security.path("runAsUser").asInt()).as("runAsUser of %s", deployment).isEqualTo(IMAGE_USER);
            Set<String> emptyDirs = new LinkedHashSet<>();
            for (JsonNode volume : each(pod.path("volumes"))) {
                if (volume.has("emptyDir")) {
                    emptyDirs.add(volume.path("name").asText());
                }
            }
            for (JsonNode c : containers(deployment)) {
                JsonNode container = c.path("securityContext");
                assertThat(container.path("allowPrivilegeEscalation").asBoolean(true))
                        .as("allowPrivilegeEscalation of %s", deployment).isFalse();
                assertThat(container.path("readOnlyRootFilesystem").asBoolean()).as("read-only root of %s", deployment)
                        .isTrue();
                assertThat(each(container.path("capabilities").path("drop"))).extracting(JsonNode::asText)
                        .as("capabilities dropped by %s", deployment).contains("ALL");
                Optional<String> tmp = each(c.path("volumeMounts")).stream()
                        .filter(mount -> mount.path("mountPath").asText().equals("/tmp"))
                        .map(mount -> mount.path("name").asText()).findFirst();
                assertThat(tmp).as("/tmp of %s", deployment).isPresent();
                assertThat(emptyDirs).as("emptyDir volumes of %s", deployment).contains(tmp.get());
                if (KubernetesManifests.module(c).equals("worker")) {
                    assertThat(manifests.literal(c, "GOBLINA_WORKER_WORK_DIR")).as("work dir of %s", deployment)
                            .hasValueSatisfying(dir -> assertThat(dir).startsWith("/tmp/"));
                }
            }
        }
    }

    @Test
    void everyServiceSelectsOneDeploymentsPodsAndTargetsAPortTheyDeclare() {
        assertThat(manifests.ofKind("Service")).extracting(Manifest::name)
                .containsExactlyInAnyOrder("goblina-api", "goblina-dashboard");
        for (Manifest service : manifests.ofKind("Service")) {
            Map<String, String> selector = strings(service.node().path("spec").path("selector"));
            List<Manifest> selected = manifests.deployments().stream()
                    .filter(d -> selects(selector, podLabels(d))).toList();
            assertThat(selected).as("Deployments whose pods %s selects", service).hasSize(1);
            for (JsonNode port : each(service.node().path("spec").path("ports"))) {
                JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                assertThat(containers(selected.get(0)))
                        .as("a container of %s declaring %s's port %s", selected.get(0), service, target)
                        .anySatisfy(c -> assertThat(resolvePort(c, target)).isPresent());
            }
        }
    }

    @Test
    void theIngressRoutesOnlyV1AndHealthAndOnlyToTheApi() {
        List<Manifest> ingresses = manifests.ofKind("Ingress");
        assertThat(ingresses).extracting(Manifest::name).containsExactly("goblina-api");
        Manifest apiService = manifests.named("Service", "goblina-api");
        assertThat(selects(strings(apiService.node().path("spec").path("selector")),
                podLabels(manifests.named("Deployment", "goblina-api")))).isTrue();
        Set<String> servicePorts = new LinkedHashSet<>();
        for (JsonNode port : each(apiService.node().path("spec").path("ports"))) {
            servicePorts.add(port.path("name").asText());
            servicePorts.add(port.path("port").asText());
        }

        JsonNode spec = ingresses.get(0).node().path("spec");
        assertThat(spec.has("defaultBackend")).as("a default backend routes every other path").isFalse();
        List<String> routes = new ArrayList<>();
        for (JsonNode rule : each(spec.path("rules"))) {
            for (JsonNode path : each(rule.path("http").path("paths"))) {
                JsonNode backend = path.path("backend").path("service");
                assertThat(backend.path("name").asText()).as("backend of %s", path.path("path"))
                        .isEqualTo("goblina-api");
                JsonNode port = backend.path("port");
                assertThat(servicePorts).as("port of %s", path.path("path"))
                        .contains(port.has("name") ? port.path("name").asText() : port.path("number").asText());
                assertThat(path.path("pathType").asText()).isIn("Prefix", "Exact");
                routes.add(path.path("path").asText());
            }
        }
        assertThat(routes).containsExactlyInAnyOrder("/v1", "/health");
    }

    @Test
    void theWorkerPoolScalesOnTheQueueDepthTheApiExportsAndJobRunrsTable() {
        Manifest scaled = manifests.named("ScaledObject", "goblina-worker");
        assertThat(scaled.node().path("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
        JsonNode spec = scaled.node().path("spec");
        JsonNode target = spec.path("scaleTargetRef");
        assertThat(target.path("kind").asText("Deployment")).isEqualTo("Deployment");
        assertThat(manifests.find("Deployment", target.path("name").asText())).as("the Deployment it scales")
                .hasValueSatisfying(d -> assertThat(d.name()).isEqualTo("goblina-worker"));
        assertThat(spec.path("minReplicaCount").asInt()).isEqualTo(1);
        assertThat(spec.path("maxReplicaCount").asInt()).isGreaterThan(spec.path("minReplicaCount").asInt());

        List<JsonNode> triggers = each(spec.path("triggers"));
        assertThat(triggers).extracting(t -> t.path("type").asText())
                .containsExactlyInAnyOrder("prometheus", "postgresql");

        JsonNode prometheus = trigger(triggers, "prometheus");
        String query = prometheus.path("metadata").path("query").asText();
        Set<String> metrics = metricNames(query);
        assertThat(metrics).as("metrics %s asks for", query).isNotEmpty();
        assertThat(code.apiMetricFamilies()).as("what the API exports (README, Metrics)").containsAll(metrics);
        assertThat(query).contains("state=\"enqueued\"");
        // Every API replica exports the same database-wide value: sum() would count the queue once per replica.
        assertThat(query).as("README, Metrics: with several API replicas, use max()").startsWith("max(");
        assertThat(prometheus.path("metadata").path("serverAddress").asText()).startsWith("http");
        assertThat(Double.parseDouble(prometheus.path("metadata").path("threshold").asText())).isPositive();

        JsonNode postgres = trigger(triggers, "postgresql");
        assertThat(postgres.path("metadata").path("query").asText())
                .isEqualTo("SELECT count(*) FROM jobrunr_jobs WHERE state = 'ENQUEUED'");
        assertThat(Double.parseDouble(postgres.path("metadata").path("targetQueryValue").asText())).isPositive();
        Manifest auth = manifests.named("TriggerAuthentication",
                postgres.path("authenticationRef").path("name").asText());
        List<JsonNode> refs = each(auth.node().path("spec").path("secretTargetRef"));
        assertThat(refs).extracting(r -> r.path("parameter").asText()).contains("connection");
        assertThat(refs).allSatisfy(r -> {
            assertThat(r.path("name").asText()).isEqualTo(KubernetesManifests.SECRET);
            assertThat(manifests.secretKeys()).contains(r.path("key").asText());
        });
    }

    @Test
    void theWorkerPoolScalesDownSlowlyAndOnePodAtATime() {
        JsonNode scaleDown = manifests.named("ScaledObject", "goblina-worker").node().path("spec").path("advanced")
                .path("horizontalPodAutoscalerConfig").path("behavior").path("scaleDown");
        assertThat(scaleDown.path("stabilizationWindowSeconds").asInt()).isGreaterThanOrEqualTo(300);
        assertThat(each(scaleDown.path("policies"))).isNotEmpty().allSatisfy(policy -> {
            assertThat(policy.path("type").asText()).isEqualTo("Pods");
            assertThat(policy.path("value").asInt()).isEqualTo(1);
            assertThat(policy.path("periodSeconds").asInt()).isGreaterThanOrEqualTo(60);
        });
        // Nothing else fights KEDA's HPA over the pool's size.
        assertThat(manifests.named("Deployment", "goblina-worker").node().path("spec").has("replicas")).isFalse();
        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
    }

    @Test
    void exactlyOneWorkerServesTheDashboardBehindItsLogin() {
        assertThat(manifests.configMapData()).doesNotContainKey("GOBLINA_DASHBOARD_ENABLED");
        List<Manifest> serving = manifests.deployments().stream()
                .filter(d -> containers(d).stream().anyMatch(
                        c -> manifests.literal(c, "GOBLINA_DASHBOARD_ENABLED").orElse("false").equals("true")))
                .toList();
        assertThat(serving).extracting(Manifest::name).containsExactly("goblina-dashboard");
        Manifest dashboard = serving.get(0);
        assertThat(dashboard.node().path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(dashboard.node().path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");

        JsonNode c = containers(dashboard).get(0);
        assertThat(KubernetesManifests.module(c)).isEqualTo("worker");
        assertThat(manifests.literal(c, "GOBLINA_DASHBOARD_HOST")).hasValue("0.0.0.0");
        assertThat(manifests.literal(c, "GOBLINA_DASHBOARD_USERNAME"))
                .hasValueSatisfying(u -> assertThat(u).isNotBlank());
        assertThat(secretKeyRef(c, "GOBLINA_DASHBOARD_PASSWORD")).as("the password, from the Secret").isPresent();
        int port = Integer.parseInt(manifests.literal(c, "GOBLINA_DASHBOARD_PORT").orElse("8000"));
        assertThat(containerPorts(c)).containsValue(port);

        Manifest service = manifests.named("Service", "goblina-dashboard");
        assertThat(selects(strings(service.node().path("spec").path("selector")), podLabels(dashboard))).isTrue();
        assertThat(each(service.node().path("spec").path("ports")))
                .anySatisfy(p -> assertThat(resolvePort(c, p.path("targetPort"))).hasValue(port));
    }

    @Test
    void podDisruptionBudgetsLetTheApiAndTheWorkersBeDrainedOneAtATime() {
        for (String name : List.of("goblina-api", "goblina-worker")) {
            Manifest deployment = manifests.named("Deployment", name);
            List<Manifest> budgets = manifests.ofKind("PodDisruptionBudget").stream()
                    .filter(b -> selects(strings(b.node().path("spec").path("selector").path("matchLabels")),
                            podLabels(deployment)))
                    .toList();
            assertThat(budgets).as("budgets covering %s", name).hasSize(1);
            JsonNode spec = budgets.get(0).node().path("spec");
            if (spec.has("minAvailable")) {
                assertThat(spec.path("minAvailable").asInt())
                        .isLessThan(deployment.node().path("spec").path("replicas").asInt(1));
            } else {
                assertThat(spec.path("maxUnavailable").asInt()).isGreaterThanOrEqualTo(1);
            }
        }
        assertThat(manifests.named("Deployment", "goblina-api").node().path("spec").path("replicas").asInt())
                .isEqualTo(2);
    }

    @Test
    void everySecretReferenceNamesAKeyOfTheSecretTemplateAndEveryKeyIsUsed() {
        Set<String> referenced = new LinkedHashSet<>();
        for (Manifest deployment : manifests.deployments()) {
            for (JsonNode c : containers(deployment)) {
                for (JsonNode env : each(c.path("env"))) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (ref.isObject()) {
                        assertThat(ref.path("name").asText()).as("Secret of %s", env.path("name"))
                                .isEqualTo(KubernetesManifests.SECRET);
                        assertThat(manifests.secretKeys()).as("keys of the Secret template")
                                .contains(ref.path("key").asText());
                        referenced.add(ref.path("key").asText());
                    }
                }
            }
        }
        for (Manifest auth : manifests.ofKind("TriggerAuthentication")) {
            each(auth.node().path("spec").path("secretTargetRef")).forEach(r -> referenced.add(r.path("key").asText()));
        }
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(manifests.secretKeys());
    }

    /** The port the container's process listens on: its setting in the manifests, else application.yml's default. */
    private Optional<Integer> listeningPort(JsonNode container, String module) {
        String variable = module.equals("api") ? "GOBLINA_API_PORT" : "GOBLINA_WORKER_HTTP_PORT";
        return manifests.literal(container, variable).or(() -> code.defaultIn(module, variable)).map(Integer::parseInt)
                .filter(port -> port > 0);
    }

    private static Optional<JsonNode> secretKeyRef(JsonNode container, String variable) {
        return each(container.path("env")).stream().filter(e -> e.path("name").asText().equals(variable))
                .map(e -> e.path("valueFrom").path("secretKeyRef")).filter(JsonNode::isObject).findFirst();
    }

    private static JsonNode trigger(List<JsonNode> triggers, String type) {
        return triggers.stream().filter(t -> t.path("type").asText().equals(type)).findFirst().orElseThrow();
    }

    /** The metric names of a PromQL query: identifiers followed by a label matcher or standing alone. */
    static Set<String> metricNames(String query) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{").matcher(query);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A Kubernetes quantity: millicores for "cpu", bytes for "memory". */
    static long quantity(String resource, String value) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?").matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a quantity: " + value);
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        if (resource.equals("cpu")) {
            return (long) (unit.equals("m") ? number : number * 1000);
        }
        double factor = switch (unit) {
            case "" -> 1;
            case "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            case "Ki" -> 1024;
            case "Mi" -> MIB;
            case "Gi" -> 1024.0 * MIB;
            case "Ti" -> 1024.0 * 1024 * MIB;
            default -> throw new IllegalArgumentException("not a memory quantity: " + value);
        };
        return (long) (number * factor);
    }
}
