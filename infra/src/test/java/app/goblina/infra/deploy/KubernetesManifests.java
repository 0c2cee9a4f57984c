package app.goblina.infra.deploy;

import static app.goblina.infra.deploy.DeployFiles.each;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * infra/k8s read back: the documents of every file its kustomization lists, and the Secret template it leaves out.
 */
final class KubernetesManifests {

    static final String KUSTOMIZATION = "kustomization.yaml";
    static final String SECRET_TEMPLATE = "secret.example.yaml";
    static final String CONFIG_MAP = "goblina-config";
    static final String SECRET = "goblina-secrets";

    /** One document and the file it came from. */
    record Manifest(String file, JsonNode node) {

        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file + ")";
        }
    }

    private final Path dir;
    private final JsonNode kustomization;
    private final List<Manifest> applied;
    private final Manifest secretTemplate;

    private KubernetesManifests(Path dir) {
        this.dir = dir;
        this.kustomization = DeployFiles.yaml(dir.resolve(KUSTOMIZATION));
        List<Manifest> documents = new ArrayList<>();
        for (String file : resources()) {
            for (JsonNode document : DeployFiles.yamlDocuments(dir.resolve(file))) {
                documents.add(new Manifest(file, document));
            }
        }
        this.applied = List.copyOf(documents);
        this.secretTemplate = new Manifest(SECRET_TEMPLATE, DeployFiles.yaml(dir.resolve(SECRET_TEMPLATE)));
    }

    static KubernetesManifests load() {
        return new KubernetesManifests(DeployFiles.k8s());
    }

    static KubernetesManifests in(Path dir) {
        return new KubernetesManifests(dir);
    }

    Path dir() {
        return dir;
    }

    JsonNode kustomization() {
        return kustomization;
    }

    /** The files the kustomization lists, in its order. */
    List<String> resources() {
        return each(kustomization.path("resources")).stream().map(JsonNode::asText).toList();
    }

    /** Every document kubectl apply -k creates. */
    List<Manifest> applied() {
        return applied;
    }

    /** The applied documents and the Secret template. */
    List<Manifest> all() {
        List<Manifest> all = new ArrayList<>(applied);
        all.add(secretTemplate);
        return all;
    }

    Manifest secretTemplate() {
        return secretTemplate;
    }

    List<Manifest> ofKind(String kind) {
        return applied.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    Optional<Manifest> find(String kind, String name) {
        return applied.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst();
    }

    Manifest named(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + dir));
    }

    List<Manifest> deployments() {
        return ofKind("Deployment");
    }

    /** The non-secret settings every container takes through envFrom. */
    Map<String, String> configMapData() {
        Map<String, String> data = new LinkedHashMap<>();
        named("ConfigMap", CONFIG_MAP).node().path("data").properties()
                .forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /** The keys of the Secret template (stringData and data). */
    List<String> secretKeys() {
        List<String> keys = new ArrayList<>(DeployFiles.fieldNames(secretTemplate.node().path("stringData")));
        keys.addAll(DeployFiles.fieldNames(secretTemplate.node().path("data")));
        return keys;
    }

    static JsonNode podSpec(Manifest deployment) {
        return deployment.node().path("spec").path("template").path("spec");
    }

    static Map<String, String> podLabels(Manifest deployment) {
        return strings(deployment.node().path("spec").path("template").path("metadata").path("labels"));
    }

    static Map<String, String> selector(Manifest deployment) {
        return strings(deployment.node().path("spec").path("selector").path("matchLabels"));
    }

    static List<JsonNode> containers(Manifest deployment) {
        return each(podSpec(deployment).path("containers"));
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** Whether every label of the selector is on the pod, with the same value. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** The container's literal value for a variable: its own env first, then the ConfigMap it takes. */
    Optional<String> literal(JsonNode container, String variable) {
        for (JsonNode env : each(container.path("env"))) {
            if (env.path("name").asText().equals(variable)) {
                return env.has("value") ? Optional.of(env.path("value").asText()) : Optional.empty();
            }
        }
        for (JsonNode from : each(container.path("envFrom"))) {
            if (from.path("configMapRef").path("name").asText().equals(CONFIG_MAP)) {
                String value = configMapData().get(variable);
                if (value != null) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /** The port numbers the container declares, by name. */
    static Map<String, Integer> containerPorts(JsonNode container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (JsonNode port : each(container.path("ports"))) {
            ports.put(port.path("name").asText(String.valueOf(port.path("containerPort").asInt())),
                    port.path("containerPort").asInt());
        }
        return ports;
    }

    /** A port reference (a number or a port name) resolved against the container's ports, or empty. */
    static Optional<Integer> resolvePort(JsonNode container, JsonNode port) {
        Map<String, Integer> ports = containerPorts(container);
        if (port.isInt()) {
            return ports.containsValue(port.asInt()) ? Optional.of(port.asInt()) : Optional.empty();
        }
        return Optional.ofNullable(ports.get(port.asText()));
    }

    /** Which process a container runs, from its image: "api" or "worker". */
    static String module(JsonNode container) {
        String image = container.path("image").asText();
        String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        if (repository.endsWith("goblina/api")) {
            return "api";
        }
        if (repository.endsWith("goblina/worker")) {
            return "worker";
        }
        throw new AssertionError("a container runs " + image + ", neither goblina/api nor goblina/worker");
    }
}
