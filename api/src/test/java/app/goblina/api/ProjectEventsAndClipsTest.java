package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.storage.BlobStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/projects/{id}/events} (the project's view as Server-Sent Events while it changes) and {@code GET
 * /v1/projects/{id}/scenarios/{index}/clip}, on a running API whose project rows are moved on through the
 * repositories, as a worker would move them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectEventsAndClipsTest {

    /** A test waits this long for an event before it fails, instead of hanging. */
    private static final long EVENT_WAIT_SECONDS = 20;
    private static final int STREAMS_PER_KEY = 2;

    private ApiTestContext api;
    private ApiClient tenantA;
    private ApiClient tenantB;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext(app.goblina.testkit.TestPostgres.newDatabase(),
                Map.of("goblina.events.streams-per-key", STREAMS_PER_KEY, "goblina.events.heartbeat-interval", "1s"));
        tenantA = new ApiClient(api, api.keyA);
        tenantB = new ApiClient(api, api.keyB);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void theStreamSendsTheViewAtOnceAgainWhenTheRowsChangeAndEndsOnceTheProjectIsDone() throws Exception {
        UUID project = newProject(tenantA);
        try (EventStream events = open(api.keyA, project)) {
            assertThat(events.status).isEqualTo(200);
            assertThat(events.contentType).startsWith("text/event-stream");

            SseEvent first = events.next();
            assertThat(first.id).isNotBlank();
            assertThat(first.retry).isNotNull();
            JsonNode view = json.readTree(first.data);
            assertThat(view).isEqualTo(tenantA.json(tenantA.get("/v1/projects/" + project)));
            assertThat(view.get("status").asText()).isEqualTo("QUEUED");

            projects().transition(project, api.tenantA, "QUEUED", "WRITING", "scenarios");
            SseEvent writing = events.next();
            assertThat(json.readTree(writing.data).get("status").asText()).isEqualTo("WRITING");
            assertThat(writing.id).isNotEqualTo(first.id);

            UUID scenario = UUID.randomUUID();
            scenarios().insertIfAbsent(scenario, api.tenantA, project, 0, "Latte", "pours", "foam is art", "prompt", 4);
            projects().transition(project, api.tenantA, "WRITING", "GENERATING", "clips");
            JsonNode generating = json.readTree(events.nextWhere(e -> e.data.contains("\"GENERATING\"")).data);
            assertThat(generating.get("scenarios").get(0).get("caption").asText()).isEqualTo("foam is art");

            projects().transition(project, api.tenantA, "GENERATING", "ASSEMBLING", "assembly");
            projects().transition(project, api.tenantA, "ASSEMBLING", "DONE", "assembly");
            SseEvent done = events.nextWhere(e -> e.data.contains("\"DONE\""));
            assertThat(json.readTree(done.data).get("status").asText()).isEqualTo("DONE");
            assertThat(events.ended()).as("the stream ends after a terminal status").isTrue();
        }
    }

    @Test
    void aQuietStreamSendsHeartbeatCommentsAndAFinishedProjectsStreamSendsOneEventAndEnds() throws Exception {
        UUID project = newProject(tenantA);
        try (EventStream events = open(api.keyA, project)) {
            events.next();
            assertThat(events.nextComment()).isEqualTo(": heartbeat");
        }
        projects().cancel(project, api.tenantA);
        try (EventStream events = open(api.keyA, project)) {
            assertThat(json.readTree(events.next().data).get("status").asText()).isEqualTo("CANCELLED");
            assertThat(events.ended()).isTrue();
        }
    }

    @Test
    void theStreamNeedsAKeyAndAnswersAnotherTenantsProjectAndABadIdAsGetDoes() throws Exception {
        UUID project = newProject(tenantA);

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(api.url("/v1/projects/" + project + "/events"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");

        HttpResponse<String> otherTenant = tenantB.get("/v1/projects/" + project + "/events");
        assertThat(otherTenant.statusCode()).isEqualTo(404);
        assertThat(otherTenant.body()).isEqualTo(tenantB.get("/v1/projects/" + project).body());

        HttpResponse<String> badId = tenantA.get("/v1/projects/not-a-uuid/events");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(tenantA.json(badId).get("errors").get(0).get("field").asText()).isEqualTo("id");
    }

    @Test
    void aKeyHoldsAtMostItsNumberOfOpenStreamsAndGetsASlotBackWhenOneCloses() throws Exception {
        String key = api.tenantWithKey(100_000, 1_000, 10_000);
        ApiClient tenant = new ApiClient(api, key);
        UUID project = newProject(tenant);
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS_PER_KEY; i++) {
                EventStream stream = open(key, project);
                assertThat(stream.status).isEqualTo(200);
                stream.next();
                open.add(stream);
            }

            HttpResponse<String> refused = tenant.get("/v1/projects/" + project + "/events");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(tenant.json(refused).get("errors").get(0).get("field").asText()).isEqualTo("Authorization");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            try (EventStream otherKey = open(api.keyA, newProject(tenantA))) {
                assertThat(otherKey.status).as("the limit is per key").isEqualTo(200);
            }

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                try (EventStream again = open(key, project)) {
                    assertThat(again.status).isEqualTo(200);
                }
            });
        } finally {
            open.forEach(EventStream::close);
        }
    }

    @Test
    void aScenesClipIsRefusedUntilItIsReadyThenServedToItsTenantOnly() throws Exception {
        UUID project = newProject(tenantA);
        String path = "/v1/projects/" + project + "/scenarios/0/clip";
        UUID scenario = UUID.randomUUID();
        scenarios().insertIfAbsent(scenario, api.tenantA, project, 0, "Latte", "pours", "foam is art", "prompt", 4);

        HttpResponse<String> noClip = tenantA.get(path);
        assertThat(noClip.statusCode()).isEqualTo(409);
        assertThat(noClip.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(tenantA.json(noClip).get("errors").get(0).get("field").asText()).isEqualTo("index");

        UUID clip = UUID.randomUUID();
        clips().insertIfAbsent(clip, api.tenantA, project, scenario, "local", "test");
        clips().recordSubmitIntent(clip, api.tenantA);
        clips().recordSubmitted(clip, api.tenantA, "job-1");
        assertThat(tenantA.get(path).statusCode()).as("a running clip is not ready").isEqualTo(409);

        byte[] bytes = "not really an mp4, but bytes to compare".getBytes(StandardCharsets.UTF_8);
        String blobKey = "clips/" + clip + ".mp4";
        api.server.getApplicationContext().getBean(BlobStore.class).put(blobKey, bytes, "video/mp4");
        clips().markReady(clip, api.tenantA, blobKey);

        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(api.url(path))
                .header("Authorization", "Bearer " + api.keyA).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).get().asString().startsWith("video/mp4");
        assertThat(served.body()).isEqualTo(bytes);

        assertThat(tenantB.get(path).statusCode()).as("another tenant's project").isEqualTo(404);
        assertThat(tenantA.get("/v1/projects/" + project + "/scenarios/5/clip").statusCode()).as("no such scene").isEqualTo(404);
        assertThat(tenantA.get("/v1/projects/" + project + "/scenarios/first/clip").statusCode()).isEqualTo(400);
        assertThat(tenantA.get("/v1/projects/" + UUID.randomUUID() + "/scenarios/0/clip").statusCode()).isEqualTo(404);
    }

    private UUID newProject(ApiClient client) {
        String characterId = client.json(client.upload("Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();
        HttpResponse<String> created = client.post("/v1/projects", Map.of("characterId", characterId, "topic", "tea",
                "preset", "deadpan", "scenarioCount", 1));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return UUID.fromString(client.json(created).get("id").asText());
    }

    private ProjectRepository projects() {
        return api.server.getApplicationContext().getBean(ProjectRepository.class);
    }

    private ScenarioRepository scenarios() {
        return api.server.getApplicationContext().getBean(ScenarioRepository.class);
    }

    private ClipRepository clips() {
        return api.server.getApplicationContext().getBean(ClipRepository.class);
    }

    private EventStream open(String key, UUID project) throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(api.url("/v1/projects/" + project + "/events"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        return new EventStream(response);
    }

    /** One event as the SSE format defines it: its data lines joined, its id and retry fields. */
    private record SseEvent(String id, Long retry, String data) {
    }

    /** Reads an event stream's lines on a thread of its own, so the test can wait for each with a bound. */
    private static final class EventStream implements AutoCloseable {
        private static final String END = "\u0000end";

        final int status;
        final String contentType;
        private final Stream<String> lines;
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        EventStream(HttpResponse<Stream<String>> response) {
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            lines = response.body();
            Thread.ofVirtual().start(() -> {
                try {
                    lines.forEach(received::add);
                } catch (UncheckedIOException | IllegalStateException e) {
                    // closed by the test, perhaps before this thread began to read
                } finally {
                    received.add(END);
                }
            });
        }

        SseEvent next() throws InterruptedException {
            String id = null;
            Long retry = null;
            StringBuilder data = null;
            for (;;) {
                String line = take();
                if (line.isEmpty()) {
                    // as a browser does: an event whose data is empty (a heartbeat) is not dispatched
                    if (data != null && !data.isEmpty()) {
                        return new SseEvent(id, retry, data.toString());
                    }
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("retry:")) {
                    retry = Long.parseLong(line.substring(6).strip());
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        }

        SseEvent nextWhere(java.util.function.Predicate<SseEvent> wanted) throws InterruptedException {
            for (;;) {
                SseEvent event = next();
                if (wanted.test(event)) {
                    return event;
                }
            }
        }

        /** The next comment line, skipping whatever else comes first. */
        String nextComment() throws InterruptedException {
            for (;;) {
                String line = take();
                if (line.startsWith(":")) {
                    return line;
                }
            }
        }

        /** Whether the server ends the stream, with nothing but blank lines and comments left to read. */
        boolean ended() throws InterruptedException {
            for (;;) {
                String line = received.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
                if (line == null) {
                    return false;
                }
                if (END.equals(line)) {
                    return true;
                }
                if (!line.isEmpty() && !line.startsWith(":")) {
                    return false;
                }
            }
        }

        private String take() throws InterruptedException {
            String line = received.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no event line within " + EVENT_WAIT_SECONDS + " s");
            }
            if (END.equals(line)) {
                throw new AssertionError("the stream ended");
            }
            return line;
        }

        @Override
        public void close() {
            lines.close();
        }
    }

}
