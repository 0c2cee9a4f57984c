package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.TestPostgres;
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
 * An API configured as {@code ./goblina up} configures it ({@code GOBLINA_PROVIDERS_NARRATION=local},
 * {@code GOBLINA_PROVIDERS_MUSIC=soft-pad}): a project that says nothing is narrated locally over the soft pad, and
 * one that says none gets none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectDefaultsTest {

    private ApiTestContext api;
    private ApiClient client;
    private String characterId;

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext(TestPostgres.newDatabase(), Map.of("goblina.providers.narration", "local",
                "goblina.providers.music", "soft-pad"));
        client = new ApiClient(api, api.keyA);
        characterId = client.json(client.upload("Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aProjectThatSaysNothingIsNarratedByTheLocalNarratorOverTheSoftPad() throws Exception {
        String id = created(Map.of());

        JsonNode project = client.json(client.get("/v1/projects/" + id));
        assertThat(project.get("providers").get("narration").asText()).isEqualTo("local");
        assertThat(column(id, "narration_provider")).isEqualTo("local");
        assertThat(column(id, "music")).isEqualTo("soft-pad");
    }

    @Test
    void aProjectThatSaysNarrationNoneAndMusicNoneGetsNeither() throws Exception {
        String id = created(Map.of("narration", "none", "music", "none"));

        assertThat(client.json(client.get("/v1/projects/" + id)).get("providers").get("narration").isNull()).isTrue();
        assertThat(column(id, "narration_provider")).isNull();
        assertThat(column(id, "music")).isNull();
    }

    @Test
    void aNarrationWhoseProviderIsNoneIsNoNarrationEither() throws Exception {
        String id = created(Map.of("narration", Map.of("provider", "none")));

        assertThat(column(id, "narration_provider")).isNull();
        assertThat(column(id, "music")).isEqualTo("soft-pad");
    }

    @Test
    void aNarrationObjectStillNamesItsVoiceAndRefusesAFieldItDoesNotHave() throws Exception {
        String id = created(Map.of("narration", Map.of("provider", "local", "voice", "en-gb+m3")));

        JsonNode providers = client.json(client.get("/v1/projects/" + id)).get("providers");
        assertThat(providers.get("narration").asText()).isEqualTo("local");
        assertThat(providers.get("voice").asText()).isEqualTo("en-gb+m3");
        HttpResponse<String> refused = client.post("/v1/projects", Map.of("characterId", characterId, "topic", "tea",
                "preset", "sassy", "narration", Map.of("provider", "local", "speed", 3)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("narration.speed").contains("unknown field");
    }

    private String created(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("characterId", characterId, "topic", "goblin tea",
                "preset", "wholesome", "scenarioCount", 1, "clipSeconds", 2));
        body.putAll(extra);
        HttpResponse<String> created = client.post("/v1/projects", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return client.json(created).get("id").asText();
    }

    private String column(String projectId, String column) throws Exception {
        try (Connection connection = DriverManager.getConnection(api.database.jdbcUrl(), api.database.username(),
                api.database.password());
                PreparedStatement statement = connection.prepareStatement("SELECT " + column
                        + " FROM projects WHERE id = ?")) {
            statement.setObject(1, UUID.fromString(projectId));
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }
}
