package app.goblina.api;

import app.goblina.testkit.AtOnce;
import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.http.MultipartForm;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Projects submitted at the same moment are admitted one after the other against the tenant's daily budget: what
 * an admitted, unfinished project is still expected to cost counts against the next one.
 */
class ParallelSubmissionsAgainstABudgetTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void fourFortyCentProjectsSentAtOnceAgainstAFiftyCentBudgetAdmitOne() throws Exception {
        try (ApiTestContext api = new ApiTestContext()) {
            api.setDailyBudget(api.tenantA, 50);
            MultipartForm form = new MultipartForm().field("name", "Goblina").file("image", "g.png", "image/png", TestImages.png(32, 32));
            HttpResponse<String> character = http.send(HttpRequest.newBuilder(api.url("/v1/characters"))
                    .header("Authorization", "Bearer " + api.keyA).header("Content-Type", form.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            String characterId = json.readTree(character.body()).get("id").asText();
            // one 4 s scene of sora-2 at 10 cents a second: 40 cents each
            String body = json.writeValueAsString(Map.of("characterId", characterId, "topic", "coffee", "preset", "sassy",
                    "scenarioCount", 1, "clipSeconds", 4, "video", Map.of("provider", "sora", "model", "sora-2")));
            List<Integer> statuses = AtOnce.run(4, () -> http.send(HttpRequest.newBuilder(api.url("/v1/projects"))
                    .header("Authorization", "Bearer " + api.keyA).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            assertThat(statuses).containsExactlyInAnyOrder(202, 402, 402, 402);
            assertThat(api.writtenState().get("projects")).isEqualTo(1L);
        }
    }
}
