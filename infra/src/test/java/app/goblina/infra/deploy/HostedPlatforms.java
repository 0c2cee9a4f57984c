package app.goblina.infra.deploy;

import static app.goblina.infra.deploy.DeployFiles.each;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** infra/railway.json and infra/render.yaml read back. */
final class HostedPlatforms {

    private final JsonNode railway;
    private final JsonNode render;

    private HostedPlatforms(Path infra) {
        this.railway = DeployFiles.json(infra.resolve("railway.json"));
        this.render = DeployFiles.yaml(infra.resolve("render.yaml"));
    }

    static HostedPlatforms load() {
        return new HostedPlatforms(DeployFiles.root().resolve("infra"));
    }

    JsonNode railway() {
        return railway;
    }

    JsonNode render() {
        return render;
    }

    /** Variables railway.json sets: none today (Config as Code has no variables), but any it might name. */
    List<String> railwayVariables() {
        List<String> variables = new ArrayList<>();
        for (String section : List.of("variables", "env")) {
            variables.addAll(DeployFiles.fieldNames(railway.path(section)));
            variables.addAll(DeployFiles.fieldNames(railway.path("deploy").path(section)));
        }
        return variables;
    }

    List<JsonNode> renderServices() {
        return each(render.path("services"));
    }

    List<JsonNode> renderDatabases() {
        return each(render.path("databases"));
    }

    Optional<JsonNode> renderService(String name) {
        return renderServices().stream().filter(s -> s.path("name").asText().equals(name)).findFirst();
    }

    static Optional<JsonNode> envVar(JsonNode service, String key) {
        return each(service.path("envVars")).stream().filter(e -> e.path("key").asText().equals(key)).findFirst();
    }
}
