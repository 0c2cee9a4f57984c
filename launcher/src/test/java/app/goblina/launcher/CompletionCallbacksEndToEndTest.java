package app.goblina.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformOptions;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.CallbackReceiver;
import app.goblina.testkit.CallbackReceiver.Received;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A completion callback as a client's flow receives it: the API and a worker as their own processes, started from
 * the built jars by the launcher, on a real PostgreSQL; the receiver is a real HTTP server in the test, on loopback
 * (development mode, as {@code ./goblina up} runs). It is overloaded for two requests, then accepts; what it got is
 * checked against the secret the API hands the tenant, and every attempt is read back through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompletionCallbacksEndToEndTest {

    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();

    private final ObjectMapper json = new ObjectMapper();
    private Platform platform;
    private ApiClient api;
    private CallbackReceiver receiver;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_e2e_");
        receiver = CallbackReceiver.start();
        platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(), database.username(),
                database.password(), FreePort.pick(), 1, 0, key, Map.of(
                        "GOBLINA_CALLBACKS_ALLOW_HTTP_LOOPBACK", "true",
                        "GOBLINA_CALLBACKS_RETRY_WAITS", "1s,1s,1s")));
        api = new ApiClient(platform.apiUrl(), key);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aReceiverThatAnswers503TwiceGetsTheFinishedShortOnceAcceptedAndTheApiShowsEveryAttempt() throws Exception {
        // given a receiver that is overloaded for its next two requests, and a tenant's signing secret
        receiver.answer(503, 503);
        String secret = api.get("/v1/callbacks/secret").get("secret").asText();

        // when a one-scene short is made with a callback
        String characterId = api.readyCharacter("Ms. Goblina", REPO_ROOT.resolve("examples/ms-goblina.png"));
        String projectId = api.startProject(Map.of("characterId", characterId, "topic", "goblin yoga",
                "preset", "chaotic", "scenarioCount", 1, "clipSeconds", 2, "transition", "cut",
                "callbackUrl", receiver.url("/webhook/goblina").toString()));
        JsonNode done = api.finished(projectId, Duration.ofMinutes(4));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        AtomicReference<JsonNode> callback = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            callback.set(api.get("/v1/projects/" + projectId).get("callback"));
            return callback.get().get("state").asText().equals("delivered");
        });

        // then the receiver got three signed requests with one id and one body, and accepted the third
        List<Received> received = receiver.received();
        assertThat(received).extracting(Received::answered).containsExactly(503, 503, 200);
        assertThat(received).extracting(Received::webhookId).containsOnly(received.getFirst().webhookId());
        assertThat(received).extracting(Received::body).containsOnly(received.getFirst().body());
        assertThat(received).allSatisfy(r -> assertThat(r.signedWith(secret)).isTrue());
        JsonNode event = json.readTree(received.getFirst().body());
        assertThat(event.get("type").asText()).isEqualTo("project.done");
        assertThat(event.get("data").get("projectId").asText()).isEqualTo(projectId);
        String videoUrl = event.get("data").get("videoUrl").asText();
        assertThat(videoUrl).isEqualTo("/v1/projects/" + projectId + "/video");
        assertThat(api.exchange(HttpRequest.newBuilder(api.url(videoUrl)).GET()).statusCode())
                .as("the path the event names serves the short").isEqualTo(200);

        // and the API shows the callback with each attempt, the failed ones with when the next was due
        JsonNode shown = callback.get();
        assertThat(shown.get("url").asText()).isEqualTo(receiver.url("/webhook/goblina").toString());
        assertThat(shown.get("event").asText()).isEqualTo("project.done");
        assertThat(shown.get("webhookId").asText()).isEqualTo(received.getFirst().webhookId());
        assertThat(shown.get("attempts").findValuesAsText("number")).containsExactly("1", "2", "3");
        assertThat(shown.get("attempts").findValues("status")).extracting(JsonNode::asInt).containsExactly(503, 503, 200);
        assertThat(shown.get("attempts").get(0).get("error").asText()).isEqualTo("HTTP 503");
        assertThat(shown.get("attempts").get(0).get("nextAttemptAt").isNull()).isFalse();
        assertThat(shown.get("attempts").get(2).get("nextAttemptAt").isNull()).isTrue();
        assertThat(done.get("timings").findValuesAsText("job")).contains("AssembleProject");
    }
}
