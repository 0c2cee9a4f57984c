package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import app.goblina.testkit.AtOnce;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /v1/projects/{id}/scenarios/{index}/regenerate} on a running API whose projects are finished through
 * the repositories, as the workers would finish them: what it admits, what it refuses, and that a refusal changes
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SceneRegenerationApiTest {

    /** One 4 s scene of sora-2 at 10 cents a second. */
    private static final long CLIP_CENTS = 40;

    private ApiTestContext api;
    private ApiClient tenantA;
    private ApiClient tenantB;

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext();
        tenantA = new ApiClient(api, api.keyA);
        tenantB = new ApiClient(api, api.keyB);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aRegenerationOfADoneProjectAddsOneClipAtTheNextGenerationAndAnswersTheProjectGenerating() {
        UUID project = doneProject(2);
        UUID firstClipOfScene1 = clipOf(project, 1).id();

        HttpResponse<String> answer = tenantA.postEmpty(path(project, 1));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode view = tenantA.json(answer);
        assertThat(view.get("id").asText()).isEqualTo(project.toString());
        assertThat(view.get("status").asText()).isEqualTo("GENERATING");
        assertThat(answer.headers().firstValue("Location")).hasValue("/v1/projects/" + project);
        ProjectRow row = projects().findByIdAndTenantId(project, api.tenantA).orElseThrow();
        assertThat(row.generation()).isEqualTo(1);
        assertThat(row.estimateCents()).as("the project now also expects one more clip").isEqualTo(3 * CLIP_CENTS);
        List<ClipRow> every = clips().findEveryGenerationOfProject(project, api.tenantA);
        assertThat(every).hasSize(3);
        ClipRow regenerated = clipOf(project, 1);
        assertThat(regenerated.id()).isNotEqualTo(firstClipOfScene1);
        assertThat(regenerated.generation()).isEqualTo(1);
        assertThat(regenerated.status().name()).isEqualTo("PENDING");
        assertThat(clipOf(project, 0).generation()).as("the other scene keeps its clip").isZero();
        assertThat(scenario(project, 1).caption()).as("no new line asked for").isEqualTo("line 1");
        assertThat(scenario(project, 1).generation()).isZero();

        HttpResponse<String> again = tenantA.postEmpty(path(project, 0));
        assertThat(again.statusCode()).as("a regeneration is already under way").isEqualTo(409);
        assertProblem(again, "id");
        assertThat(clips().findEveryGenerationOfProject(project, api.tenantA)).hasSize(3);
    }

    @Test
    void tenRegenerationsSentAtOnceAdmitOneAndAnswerTheOthers409() throws Exception {
        UUID project = doneProject(2);

        AtomicInteger sent = new AtomicInteger();
        // half of them for each scene
        List<Integer> statuses = AtOnce.run(10, () -> tenantA.postEmpty(path(project, sent.getAndIncrement() % 2)).statusCode());

        assertThat(statuses).as(statuses.toString()).containsOnly(202, 409);
        assertThat(statuses.stream().filter(s -> s == 202)).hasSize(1);
        ProjectRow row = projects().findByIdAndTenantId(project, api.tenantA).orElseThrow();
        assertThat(row.generation()).isEqualTo(1);
        assertThat(row.estimateCents()).as("one more clip expected, not ten").isEqualTo(3 * CLIP_CENTS);
        assertThat(clips().findEveryGenerationOfProject(project, api.tenantA)).hasSize(3);
    }

    @Test
    void aNewLineIsTheScenesCaptionAtItsNextGeneration() {
        UUID project = doneProject(1);

        HttpResponse<String> answer = tenantA.post(path(project, 0), Map.of("caption", "  a brand new line  "));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        ScenarioRow scenario = scenario(project, 0);
        assertThat(scenario.caption()).isEqualTo("a brand new line");
        assertThat(scenario.generation()).isEqualTo(1);
        assertThat(tenantA.json(answer).get("scenarios").get(0).get("caption").asText()).isEqualTo("a brand new line");
    }

    @Test
    void overTheDailyBudgetARegenerationAnswers402AndChangesNothing() {
        UUID project = doneProject(1);
        api.setDailyBudget(api.tenantA, CLIP_CENTS - 1);
        try {
            HttpResponse<String> answer = tenantA.post(path(project, 0), Map.of("caption", "a line that costs"));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(402);
            assertProblem(answer, "budget");
            assertUnchanged(project, 1);
        } finally {
            api.setDailyBudget(api.tenantA, 100_000);
        }
    }

    @Test
    void aProjectNotDoneAnswers409AndChangesNothing() {
        UUID project = doneProject(1);
        projects().transition(project, api.tenantA, "DONE", "FAILED", "CLIPS");

        HttpResponse<String> answer = tenantA.postEmpty(path(project, 0));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        assertProblem(answer, "id");
        assertThat(clips().findEveryGenerationOfProject(project, api.tenantA)).hasSize(1);
        assertThat(projects().findByIdAndTenantId(project, api.tenantA).orElseThrow().generation()).isZero();
    }

    @Test
    void anUnknownSceneProjectOrAnotherTenantsProjectAnswers404() {
        UUID project = doneProject(1);

        HttpResponse<String> noScene = tenantA.postEmpty(path(project, 3));
        assertThat(noScene.statusCode()).isEqualTo(404);
        assertProblem(noScene, "index");
        assertThat(tenantA.postEmpty(path(UUID.randomUUID(), 0)).statusCode()).isEqualTo(404);
        assertThat(tenantB.postEmpty(path(project, 0)).statusCode()).as("another tenant's project").isEqualTo(404);
        HttpResponse<String> notANumber = tenantA.postEmpty("/v1/projects/" + project + "/scenarios/first/regenerate");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertProblem(notANumber, "index");
        assertUnchanged(project, 1);
    }

    @Test
    void aBadCaptionIsAProblemNamingTheCaptionAndChangesNothing() {
        UUID project = doneProject(1);

        for (String caption : List.of("", "   ", "bell\u0007", "x".repeat(161), "\u202Eevil")) {
            HttpResponse<String> answer = tenantA.post(path(project, 0), Map.of("caption", caption));
            assertThat(answer.statusCode()).as(caption + ": " + answer.body()).isEqualTo(400);
            assertProblem(answer, "caption");
        }
        HttpResponse<String> notText = tenantA.post(path(project, 0), Map.of("caption", 42));
        assertThat(notText.statusCode()).as(notText.body()).isIn(400, 422);
        assertThat(notText.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        HttpResponse<String> unknownField = tenantA.post(path(project, 0), Map.of("captions", "a line"));
        assertThat(unknownField.statusCode()).as(unknownField.body()).isIn(400, 422);
        assertUnchanged(project, 1);
    }

    private void assertUnchanged(UUID project, int clips) {
        ProjectRow row = projects().findByIdAndTenantId(project, api.tenantA).orElseThrow();
        assertThat(row.status().name()).isEqualTo("DONE");
        assertThat(row.generation()).isZero();
        assertThat(row.estimateCents()).isEqualTo(clips * CLIP_CENTS);
        assertThat(clips().findEveryGenerationOfProject(project, api.tenantA)).hasSize(clips)
                .allSatisfy(c -> assertThat(c.generation()).isZero());
        assertThat(scenarios().findByProject(project, api.tenantA))
                .allSatisfy(s -> assertThat(s.generation()).isZero())
                .allSatisfy(s -> assertThat(s.caption()).startsWith("line "));
    }

    private void assertProblem(HttpResponse<String> answer, String field) {
        assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(tenantA.json(answer).get("errors").get(0).get("field").asText()).as(answer.body()).isEqualTo(field);
    }

    private static String path(UUID project, int index) {
        return "/v1/projects/" + project + "/scenarios/" + index + "/regenerate";
    }

    /** A sora-2 project with {@code scenes} 4 s scenes, finished as the workers would finish it. */
    private UUID doneProject(int scenes) {
        String characterId = tenantA.json(tenantA.upload("Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();
        HttpResponse<String> created = tenantA.post("/v1/projects", Map.of("characterId", characterId, "topic", "tea",
                "preset", "deadpan", "scenarioCount", scenes, "clipSeconds", 4,
                "video", Map.of("provider", "sora", "model", "sora-2")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        UUID project = UUID.fromString(tenantA.json(created).get("id").asText());
        for (int index = 0; index < scenes; index++) {
            UUID scenario = UUID.randomUUID();
            scenarios().insertIfAbsent(scenario, api.tenantA, project, index, "Scene " + index, "sips",
                    "line " + index, "a goblin sips tea", 4);
            UUID clip = UUID.randomUUID();
            clips().insertIfAbsent(clip, api.tenantA, project, scenario, "sora", "sora-2");
            clips().recordSubmitIntent(clip, api.tenantA);
            clips().recordSubmitted(clip, api.tenantA, "video_" + clip);
            clips().markReady(clip, api.tenantA, "clips/" + clip + ".mp4");
        }
        projects().transition(project, api.tenantA, "QUEUED", "DONE", "ASSEMBLY");
        return project;
    }

    private ClipRow clipOf(UUID project, int index) {
        UUID scenario = scenario(project, index).id();
        return clips().findByProject(project, api.tenantA).stream().filter(c -> c.scenarioId().equals(scenario))
                .findFirst().orElseThrow();
    }

    private ScenarioRow scenario(UUID project, int index) {
        return scenarios().findByProject(project, api.tenantA).stream().filter(s -> s.index() == index).findFirst()
                .orElseThrow();
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
}
