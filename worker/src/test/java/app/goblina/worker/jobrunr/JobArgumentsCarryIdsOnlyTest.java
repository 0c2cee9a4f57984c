package app.goblina.worker.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.domain.CharacterStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineOrder;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ProjectCallbackRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.sora.FakeSoraServer;
import app.goblina.testkit.fakes.sora.FakeSoraServer.Endpoint;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.worker.pipeline.ProjectRows;
import app.goblina.worker.pipeline.WorkerTestContext;
import app.goblina.worker.providers.VideoContractMedia;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What JobRunr stores, and its dashboard shows, for a project run by the real job server from a character's
 * analysis to a clip the provider refuses: the jobs' arguments are ids (and a poll's attempt and due time), never
 * names, topics, URLs or keys, and the failures recorded in the jobs' histories never carry the provider's key,
 * even when the provider quotes it back, nor the project's callback URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobArgumentsCarryIdsOnlyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> ID_FIELDS = Set.of("tenantId", "characterId", "projectId", "scenarioId", "clipId");

    private final String soraKey = "sk-test-sora-" + UUID.randomUUID();
    private final String marker = "marker" + UUID.randomUUID().toString().replace("-", "");
    private FakeSoraServer sora;
    private WorkerTestContext worker;

    @BeforeAll
    void start() throws Exception {
        sora = FakeSoraServer.builder(soraKey, VideoContractMedia.video()).start();
        worker = new WorkerTestContext(Map.of(
                "goblina.worker.run-server", true,
                "goblina.worker.threads", 2,
                "goblina.worker.sweep-after", "1h",
                "goblina.retries.first-wait", "1s",
                "goblina.sora.api-key", soraKey,
                "goblina.sora.base-url", sora.baseUrl().toString(),
                "goblina.sora.request-timeout", "2s"));
    }

    @AfterAll
    void stop() {
        worker.close();
        sora.close();
    }

    @Test
    void aProjectWhoseClipTheProviderRefusesLeavesOnlyIdsAndNoKeyInJobRunrsStorage() throws Exception {
        // given a provider that quotes the key back in its errors: a 503 first, then a 400 that ends the clip
        sora.fail(Endpoint.CREATE, quotingTheKey(503, "Upstream rejected Authorization: Bearer " + soraKey), 1);
        sora.fail(Endpoint.CREATE, quotingTheKey(400, "Invalid request for key " + soraKey + ": seconds"), 1);
        // and a character being analysed, with a project waiting for it, as the API leaves them
        UUID characterId = analyzingCharacter("Ms. Goblina " + marker);
        UUID projectId = UUID.randomUUID();
        ProjectRow project = ProjectRows.project(worker.tenantId, characterId).id(projectId)
                .topic("tea about " + marker).scenes(1, 4).size(1080, 1920).captions()
                .at(ProjectStatus.QUEUED, Stage.ANALYSIS).video("sora", "sora-2").writer("local", "local-templates")
                .estimateCents(40).build();
        worker.bean(ProjectRepository.class).save(project);
        // with a callback whose URL carries the marker too (a private address: refused before any connection)
        worker.bean(ProjectCallbackRepository.class).insertIfAbsent(projectId, worker.tenantId,
                "https://10.0.0.7/hooks/" + marker + "?token=" + marker);
        JobQueue jobs = worker.bean(JobQueue.class);
        CharacterRow character = worker.bean(CharacterRepository.class).findByIdAndTenantId(characterId, worker.tenantId).orElseThrow();
        PipelineOrder.forCharacter(character).ifPresent(jobs::enqueue);
        PipelineOrder.forProject(project, CharacterStatus.ANALYZING, List.of(), List.of()).forEach(jobs::enqueue);

        // when the job server runs it all, up to the clip the provider refuses
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> projectStatus(projectId) == ProjectStatus.FAILED);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedJobs().stream().anyMatch(
                job -> jobRequestType(job).equals("app.goblina.jobs.NotifyCallback")));
        await().atMost(Duration.ofSeconds(10)).until(() -> storedJobs().stream().noneMatch(
                job -> job.path("jobHistory").path(job.path("jobHistory").size() - 1).path("state").asText().equals("PROCESSING")));

        // then every pipeline stage it reached left a job, and each job's arguments are ids only
        List<JsonNode> stored = storedJobs();
        assertThat(stored).extracting(JobArgumentsCarryIdsOnlyTest::jobRequestType).contains(
                "app.goblina.jobs.AnalyzeCharacter", "app.goblina.jobs.WriteScenarios", "app.goblina.jobs.SubmitClip",
                "app.goblina.jobs.NotifyCallback");
        for (JsonNode job : stored) {
            for (JsonNode parameter : job.path("jobDetails").path("jobParameters")) {
                assertOnlyIds(job.path("jobName").asText(), parameter.path("object"));
            }
            String text = job.toString();
            assertThat(text).as(job.path("jobName").asText()).doesNotContain(soraKey, marker, sora.baseUrl().toString());
        }
        // and the provider's failures are on record, with the key blanked
        List<JsonNode> failures = new ArrayList<>();
        stored.forEach(job -> job.path("jobHistory").forEach(state -> {
            if (state.path("state").asText().equals("FAILED")) {
                failures.add(state);
            }
        }));
        assertThat(failures).extracting(state -> state.path("exceptionMessage").asText())
                .anySatisfy(message -> assertThat(message).contains("HTTP 503", "****"))
                .anySatisfy(message -> assertThat(message).contains("HTTP 400", "****"));
        for (JsonNode failure : failures) {
            assertThat(failure.toString()).doesNotContain(soraKey);
        }
        assertThat(worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, worker.tenantId).orElseThrow()
                .failureReason()).contains("HTTP 400").doesNotContain(soraKey);
    }

    /** Asserts a job argument is a record of ids, with at most a poll's attempt number and due time besides. */
    private static void assertOnlyIds(String jobName, JsonNode argument) {
        assertThat(argument.isObject()).as("%s: %s", jobName, argument).isTrue();
        for (Map.Entry<String, JsonNode> field : argument.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String where = jobName + " " + name + "=" + value;
            switch (name) {
                case "attempt" -> assertThat(value.isInt()).as(where).isTrue();
                case "notBefore" -> {
                    if (!value.isNull()) {
                        Instant.parse(value.asText());
                    }
                }
                default -> {
                    assertThat(ID_FIELDS).as(where).contains(name);
                    assertThat(value.asText()).as(where).matches(UUID_TEXT);
                }
            }
        }
    }

    private static Fault quotingTheKey(int status, String message) {
        return Fault.replyWith(Reply.json(status, FakeJson.write(FakeJson.object("error",
                FakeJson.object("message", message, "type", "invalid_request_error", "param", null, "code", null)))));
    }

    private UUID analyzingCharacter(String name) {
        UUID characterId = UUID.randomUUID();
        String key = BlobKeys.characterImage(worker.tenantId, characterId, "png");
        worker.bean(BlobStore.class).put(key, VideoContractMedia.characterPng(), "image/png");
        worker.bean(CharacterRepository.class).save(CharacterRow.analyzing(characterId, worker.tenantId, name, key,
                "image/png", "sha-" + characterId, 64, 96));
        return characterId;
    }

    private ProjectStatus projectStatus(UUID projectId) {
        return worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, worker.tenantId).orElseThrow().status();
    }

    private static String jobRequestType(JsonNode job) {
        return job.path("jobDetails").path("jobParameters").path(0).path("actualClassName").asText();
    }

    /** Every job in JobRunr's table, as the JSON it stored. */
    private List<JsonNode> storedJobs() throws Exception {
        List<JsonNode> jobs = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(worker.database.jdbcUrl(), worker.database.username(),
                worker.database.password());
                PreparedStatement s = c.prepareStatement("SELECT jobAsJson FROM jobrunr_jobs");
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                jobs.add(JSON.readTree(rows.getString(1)));
            }
        }
        return jobs;
    }
}
