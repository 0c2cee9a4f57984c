package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code normalizeLoudness} of {@code POST /v1/projects}: stored with the project and shown in its view, true when
 * the request says nothing, and a value that is not a boolean refused by name with nothing written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoudnessOptionTest {

    private ApiTestContext api;
    private ApiClient client;
    private String characterId;

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext();
        client = new ApiClient(api, api.keyA);
        characterId = client.json(client.upload("Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aProjectThatTurnsLoudnessNormalizationOffKeepsThatChoice() throws Exception {
        String id = created(Map.of("normalizeLoudness", false, "transition", "cut", "captions", false));

        JsonNode view = client.json(client.get("/v1/projects/" + id));
        assertThat(view.get("normalizeLoudness").isBoolean()).isTrue();
        assertThat(view.get("normalizeLoudness").asBoolean()).isFalse();
        assertThat(storedNormalizeLoudness(id)).isFalse();
    }

    @Test
    void aProjectThatSaysNothingAboutLoudnessIsNormalized() throws Exception {
        String id = created(Map.of());

        JsonNode view = client.json(client.get("/v1/projects/" + id));
        assertThat(view.get("normalizeLoudness").isBoolean()).isTrue();
        assertThat(view.get("normalizeLoudness").asBoolean()).isTrue();
        assertThat(storedNormalizeLoudness(id)).isTrue();
    }

    @Test
    void aProjectThatAsksForNormalizationExplicitlyIsNormalized() throws Exception {
        String id = created(Map.of("normalizeLoudness", true));

        assertThat(client.json(client.get("/v1/projects/" + id)).get("normalizeLoudness").asBoolean()).isTrue();
        assertThat(storedNormalizeLoudness(id)).isTrue();
    }

    @Test
    void aStringOrANumberForNormalizeLoudnessIsRefusedByNameAndWritesNothing() throws Exception {
        for (Object wrong : new Object[] {"yes", "false", 1, 0}) {
            Map<String, Long> before = api.writtenState();
            HttpResponse<String> refused = client.post("/v1/projects", body(Map.of("normalizeLoudness", wrong)));

            assertThat(refused.statusCode()).as("%s: %s", wrong, refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode error = client.json(refused).get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("normalizeLoudness");
            assertThat(error.get("reason").asText()).contains("wrong type");
            assertThat(api.writtenState()).as("nothing written for %s", wrong).isEqualTo(before);
        }
    }

    private Map<String, Object> body(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("characterId", characterId, "topic", "goblin tea",
                "preset", "wholesome", "scenarioCount", 1, "clipSeconds", 2));
        body.putAll(extra);
        return body;
    }

    private String created(Map<String, Object> extra) {
        HttpResponse<String> created = client.post("/v1/projects", body(extra));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return client.json(created).get("id").asText();
    }

    private boolean storedNormalizeLoudness(String projectId) throws Exception {
        try (Connection connection = DriverManager.getConnection(api.database.jdbcUrl(), api.database.username(),
                api.database.password());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT normalize_loudness FROM projects WHERE id = ?")) {
            statement.setObject(1, UUID.fromString(projectId));
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBoolean(1);
            }
        }
    }
}
