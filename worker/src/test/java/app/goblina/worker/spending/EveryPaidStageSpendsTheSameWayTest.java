package app.goblina.worker.spending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.domain.ClipStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.failures.HeldBack;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.RateLimited;
import app.goblina.jobs.AnalyzeCharacter;
import app.goblina.jobs.NarrateScenario;
import app.goblina.jobs.PollClip;
import app.goblina.jobs.SubmitClip;
import app.goblina.jobs.WriteScenarios;
import app.goblina.money.CostLedger;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.testkit.TestRedis;
import app.goblina.testkit.fakes.openai.FakeOpenAi;
import app.goblina.testkit.fakes.replicate.FakeReplicateServer;
import app.goblina.testkit.fakes.replicate.ReplicateErrors;
import app.goblina.worker.analysis.AnalyzeCharacterStage;
import app.goblina.worker.clips.PollClipStage;
import app.goblina.worker.clips.SubmitClipStage;
import app.goblina.worker.limits.ProviderRateLimiter;
import app.goblina.worker.narration.NarrateScenarioStage;
import app.goblina.worker.pipeline.ProjectRows;
import app.goblina.worker.pipeline.WorkerTestContext;
import app.goblina.worker.providers.VideoContractMedia;
import app.goblina.redis.RedisCommandsProvider;
import app.goblina.worker.scenarios.WriteScenariosStage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Analysis, writing, narration and clips spend through the same path, against the OpenAI and Replicate fakes
 * with a real PostgreSQL ledger and real Redis limits and cache (a database of its own, emptied before each
 * test): over the shared limits a stage is held back before it calls or reserves anything; a 429 gives the
 * reservation back and tightens the limits; a refusal for good releases the reservation; a success settles it,
 * a clip's when its file is stored; and analysis and writing serve the same inputs from the cache, unpaid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPaidStageSpendsTheSameWayTest {

    private static final String OPENAI_MODEL = "gpt-4.1-mini";
    private static final String VIDEO_MODEL = "kwaivgi/kling-v2.5-turbo-pro";

    private FakeOpenAi openai;
    private FakeReplicateServer replicate;
    private WorkerTestContext worker;
    private RedisCommands<String, String> redis;

    @BeforeAll
    void start() throws Exception {
        openai = FakeOpenAi.start("sk-test-openai");
        replicate = FakeReplicateServer.builder("r8_test_token", VideoContractMedia.video()).start();
        worker = new WorkerTestContext(Map.of(
                "goblina.openai.api-key", "sk-test-openai",
                "goblina.openai.base-url", openai.baseUrl().toString(),
                "goblina.providers.analyst", "openai",
                "goblina.replicate.api-token", "r8_test_token",
                "goblina.replicate.base-url", replicate.baseUrl().toString(),
                "goblina.replicate.download-hosts", replicate.downloadHost(),
                "goblina.limits.spec", "openai/*=rpm:4,concurrent:4;replicate/*=rpm:100,concurrent:1",
                "goblina.redis.url", TestRedis.uri() + "/9"));
        redis = worker.bean(RedisCommandsProvider.class).commands().orElseThrow();
    }

    @AfterAll
    void stop() {
        worker.close();
        replicate.close();
        openai.close();
    }

    @BeforeEach
    void emptyLimitsAndCache() throws InterruptedException {
        redis.flushdb();
        // the request limits count per clock minute: a test that fills one must not see the next minute begin
        while (LocalTime.now(ZoneOffset.UTC).getSecond() >= 55) {
            Thread.sleep(500);
        }
    }

    @Nested
    class Analysis {

        @Test
        void overTheRequestLimitTheAnalysisIsHeldBackBeforeItCallsOrReserves() {
            UUID characterId = analyzingCharacter("held-back");
            fillRequestLimit("openai", OPENAI_MODEL);
            int calls = openai.chatCalls();

            assertThatThrownBy(() -> analyse(characterId)).isInstanceOf(HeldBack.class);

            assertThat(openai.chatCalls()).isEqualTo(calls);
            assertThat(ledgerLines(CostLedger.analysisKey(characterId))).isZero();
        }

        @Test
        void aRateLimitedAnalysisGivesItsReservationBackAndTightensTheLimits() throws Exception {
            UUID characterId = analyzingCharacter("rate-limited");
            openai.nextRateLimited(Duration.ofSeconds(7));

            assertThatThrownBy(() -> analyse(characterId)).isInstanceOf(RateLimited.class);
            assertThat(ledgerState(CostLedger.analysisKey(characterId))).isEqualTo("RELEASED");
            assertThat(penalised("openai", OPENAI_MODEL)).isTrue();

            analyse(characterId);
            assertThat(ledgerState(CostLedger.analysisKey(characterId))).isEqualTo("SETTLED");
        }

        @Test
        void anAnalysisRefusedForGoodReleasesItsReservation() {
            UUID characterId = analyzingCharacter("refused");
            openai.nextContentFilter();

            assertThatThrownBy(() -> analyse(characterId)).isInstanceOf(PermanentFailure.class);

            assertThat(ledgerState(CostLedger.analysisKey(characterId))).isEqualTo("RELEASED");
            assertThat(worker.bean(CharacterRepository.class).findByIdAndTenantId(characterId, worker.tenantId)
                    .orElseThrow().status().name()).isEqualTo("FAILED");
        }

        @Test
        void theSameImageIsAnalysedOnceAndPaidForOnce() throws Exception {
            UUID first = analyzingCharacter("same image");
            UUID second = analyzingCharacter("same image");
            int calls = openai.chatCalls();

            analyse(first);
            analyse(second);

            assertThat(openai.chatCalls()).isEqualTo(calls + 1);
            assertThat(ledgerState(CostLedger.analysisKey(first))).isEqualTo("SETTLED");
            assertThat(ledgerLines(CostLedger.analysisKey(second))).as("served from the cache").isZero();
        }
    }

    @Nested
    class Writing {

        @Test
        void overTheRequestLimitTheWritingIsHeldBackBeforeItCallsOrReserves() {
            UUID projectId = queuedProject("held back");
            fillRequestLimit("openai", OPENAI_MODEL);
            int calls = openai.chatCalls();

            assertThatThrownBy(() -> write(projectId)).isInstanceOf(HeldBack.class);

            assertThat(openai.chatCalls()).isEqualTo(calls);
            assertThat(ledgerLines(CostLedger.writingKey(projectId))).isZero();
        }

        @Test
        void aRateLimitedWritingGivesItsReservationBackAndTightensTheLimits() throws Exception {
            UUID projectId = queuedProject("rate limited");
            openai.nextRateLimited(Duration.ofSeconds(7));

            assertThatThrownBy(() -> write(projectId)).isInstanceOf(RateLimited.class);
            assertThat(ledgerState(CostLedger.writingKey(projectId))).isEqualTo("RELEASED");
            assertThat(penalised("openai", OPENAI_MODEL)).isTrue();

            write(projectId);
            assertThat(ledgerState(CostLedger.writingKey(projectId))).isEqualTo("SETTLED");
        }

        @Test
        void aWritingRefusedForGoodReleasesItsReservation() {
            UUID projectId = queuedProject("refused");
            openai.nextContentFilter();

            assertThatThrownBy(() -> write(projectId)).isInstanceOf(PermanentFailure.class);

            assertThat(ledgerState(CostLedger.writingKey(projectId))).isEqualTo("RELEASED");
            assertThat(status(projectId)).isEqualTo(ProjectStatus.FAILED);
        }

        @Test
        void theSameBriefIsWrittenOnceAndPaidForOnce() throws Exception {
            UUID first = queuedProject("same brief");
            UUID second = queuedProject("same brief");
            int calls = openai.chatCalls();

            write(first);
            write(second);

            assertThat(openai.chatCalls()).isEqualTo(calls + 1);
            assertThat(ledgerState(CostLedger.writingKey(first))).isEqualTo("SETTLED");
            assertThat(ledgerLines(CostLedger.writingKey(second))).as("served from the cache").isZero();
            assertThat(worker.bean(ScenarioRepository.class).findByProject(second, worker.tenantId)).hasSize(1);
        }
    }

    @Nested
    class Narration {

        @Test
        void overTheRequestLimitTheNarrationIsHeldBackBeforeItCallsOrReserves() {
            UUID[] scene = narratedScene("held back");
            fillRequestLimit("openai", null);
            int calls = openai.speechCalls();

            assertThatThrownBy(() -> narrate(scene)).isInstanceOf(HeldBack.class);

            assertThat(openai.speechCalls()).isEqualTo(calls);
            assertThat(ledgerLines(CostLedger.narrationKey(scene[1]))).isZero();
        }

        @Test
        void aRateLimitedNarrationGivesItsReservationBackAndTightensTheLimits() throws Exception {
            UUID[] scene = narratedScene("rate limited");
            openai.nextRateLimited(Duration.ofSeconds(7));

            assertThatThrownBy(() -> narrate(scene)).isInstanceOf(RateLimited.class);
            assertThat(ledgerState(CostLedger.narrationKey(scene[1]))).isEqualTo("RELEASED");
            assertThat(penalised("openai", null)).isTrue();

            narrate(scene);
            assertThat(ledgerState(CostLedger.narrationKey(scene[1]))).isEqualTo("SETTLED");
        }

        @Test
        void aNarrationRefusedForGoodReleasesItsReservation() {
            UUID[] scene = narratedScene("refused");
            openai.nextError(400, "invalid_request_error", null, "Your request was rejected by the safety system.");

            assertThatThrownBy(() -> narrate(scene)).isInstanceOf(PermanentFailure.class);

            assertThat(ledgerState(CostLedger.narrationKey(scene[1]))).isEqualTo("RELEASED");
            assertThat(status(scene[0])).isEqualTo(ProjectStatus.FAILED);
        }
    }

    @Nested
    class Clips {

        @Test
        void withEveryGenerationSlotTakenTheClipIsHeldBackBeforeItCallsOrReserves() {
            UUID[] clip = pendingClip("held back");
            worker.bean(ProviderRateLimiter.class).generation("replicate", VIDEO_MODEL, "another clip");
            int creates = replicate.created().size();

            assertThatThrownBy(() -> submit(clip)).isInstanceOf(HeldBack.class);

            assertThat(replicate.created()).hasSize(creates);
            assertThat(ledgerLines(CostLedger.clipKey(clip[1]))).isZero();
            assertThat(clipStatus(clip[1])).isEqualTo(ClipStatus.PENDING);
        }

        @Test
        void aRateLimitedCreateGivesItsReservationAndSlotBackAndTightensTheLimits() {
            UUID[] clip = pendingClip("rate limited");
            replicate.fail(FakeReplicateServer.Endpoint.CREATE, ReplicateErrors.throttled(12, true), 1);

            assertThatThrownBy(() -> submit(clip)).isInstanceOf(RateLimited.class);
            assertThat(ledgerState(CostLedger.clipKey(clip[1]))).isEqualTo("RELEASED");
            assertThat(holdsSlot(clip[1])).isFalse();
            assertThat(penalised("replicate", VIDEO_MODEL)).isTrue();
            assertThat(clipStatus(clip[1])).as("the refused create left nothing to adopt").isEqualTo(ClipStatus.PENDING);

            submit(clip);
            assertThat(clipStatus(clip[1])).isEqualTo(ClipStatus.RUNNING);
            assertThat(ledgerState(CostLedger.clipKey(clip[1]))).as("settled on delivery").isEqualTo("RESERVED");
            assertThat(holdsSlot(clip[1])).isTrue();
        }

        @Test
        void aCreateRefusedForGoodReleasesItsReservationAndSlot() {
            UUID[] clip = pendingClip("no credit");
            replicate.fail(FakeReplicateServer.Endpoint.CREATE, ReplicateErrors.insufficientCredit(), 1);

            assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

            assertThat(ledgerState(CostLedger.clipKey(clip[1]))).isEqualTo("RELEASED");
            assertThat(holdsSlot(clip[1])).isFalse();
            assertThat(clipStatus(clip[1])).isEqualTo(ClipStatus.FAILED);
        }

        @Test
        void aDeliveredClipSettlesItsReservationAndFreesItsSlot() throws Exception {
            UUID[] clip = pendingClip("delivered");
            submit(clip);
            assertThat(holdsSlot(clip[1])).isTrue();

            replicate.advance(Duration.ofMinutes(10));
            worker.bean(PollClipStage.class).run(new PollClip(worker.tenantId, clip[0], clip[1], 1, Instant.now()));

            assertThat(clipStatus(clip[1])).isEqualTo(ClipStatus.READY);
            assertThat(ledgerState(CostLedger.clipKey(clip[1]))).isEqualTo("SETTLED");
            assertThat(holdsSlot(clip[1])).isFalse();
        }
    }

    private void analyse(UUID characterId) throws Exception {
        worker.bean(AnalyzeCharacterStage.class).run(new AnalyzeCharacter(worker.tenantId, characterId));
    }

    private void write(UUID projectId) throws Exception {
        worker.bean(WriteScenariosStage.class).run(new WriteScenarios(worker.tenantId, projectId));
    }

    /** {@code scene} is {project id, scenario id}. */
    private void narrate(UUID[] scene) throws Exception {
        worker.bean(NarrateScenarioStage.class).run(new NarrateScenario(worker.tenantId, scene[0], scene[1]));
    }

    /** {@code clip} is {project id, clip id}. */
    private void submit(UUID[] clip) {
        worker.bean(SubmitClipStage.class).run(new SubmitClip(worker.tenantId, clip[0], clip[1]));
    }

    /** A character waiting for its analysis; characters of the same {@code image} share its hash. */
    private UUID analyzingCharacter(String image) {
        UUID id = UUID.randomUUID();
        String key = BlobKeys.characterImage(worker.tenantId, id, "png");
        worker.bean(BlobStore.class).put(key, VideoContractMedia.characterPng(), "image/png");
        worker.bean(CharacterRepository.class).save(CharacterRow.analyzing(id, worker.tenantId, "Ms. Goblina", key,
                "image/png", "sha-" + image + "-" + (image.equals("same image") ? "" : id), 64, 96));
        return id;
    }

    /** A project of one scene written by OpenAI; projects of the same {@code topic} share the brief. */
    private UUID queuedProject(String topic) {
        UUID projectId = UUID.randomUUID();
        worker.bean(ProjectRepository.class).save(ProjectRows.project(worker.tenantId, sharedCharacter())
                .id(projectId).topic(topic.equals("same brief") ? topic : topic + " " + projectId)
                .writer("openai", null).build());
        return projectId;
    }

    private UUID sharedCharacter;

    private UUID sharedCharacter() {
        if (sharedCharacter == null) {
            sharedCharacter = worker.readyCharacter();
        }
        return sharedCharacter;
    }

    /** A generating project with one scene whose narration is pending: {project id, scenario id}. */
    private UUID[] narratedScene(String topic) {
        UUID projectId = generatingProject(topic, "openai");
        UUID scenarioId = scenario(projectId);
        worker.bean(ScenarioRepository.class).requireNarration(projectId, worker.tenantId);
        return new UUID[] {projectId, scenarioId};
    }

    /** A generating project with one Replicate clip not yet submitted: {project id, clip id}. */
    private UUID[] pendingClip(String topic) {
        UUID projectId = generatingProject(topic, null);
        UUID clipId = UUID.randomUUID();
        worker.bean(ClipRepository.class).insertIfAbsent(clipId, worker.tenantId, projectId, scenario(projectId),
                "replicate", VIDEO_MODEL);
        return new UUID[] {projectId, clipId};
    }

    private UUID generatingProject(String topic, String narrator) {
        UUID projectId = UUID.randomUUID();
        ProjectRows project = ProjectRows.project(worker.tenantId, sharedCharacter()).id(projectId)
                .topic(topic + " " + projectId).at(ProjectStatus.GENERATING, Stage.CLIPS).video("replicate", VIDEO_MODEL);
        if (narrator != null) {
            project.narration(narrator, "coral");
        }
        worker.bean(ProjectRepository.class).save(project.build());
        return projectId;
    }

    private UUID scenario(UUID projectId) {
        UUID scenarioId = UUID.randomUUID();
        worker.bean(ScenarioRepository.class).insertIfAbsent(scenarioId, worker.tenantId, projectId, 0, "Sip",
                "she sips", "Fact: tea cools.", "Ms. Goblina sips tea " + scenarioId, 2);
        return scenarioId;
    }

    /** Takes every request the limits allow this minute, as other workers would have. */
    private void fillRequestLimit(String provider, String model) {
        ProviderRateLimiter limiter = worker.bean(ProviderRateLimiter.class);
        while (limiter.request(provider, model).granted()) {
            // taken
        }
    }

    private boolean penalised(String provider, String model) {
        return redis.exists("goblina:limits:penalty:" + provider + ":" + (model == null ? "default" : model)) == 1;
    }

    private boolean holdsSlot(UUID clipId) {
        return worker.bean(ProviderRateLimiter.class).heldSlots().stream()
                .anyMatch(slot -> slot.holder().equals(clipId.toString()));
    }

    private long ledgerLines(String key) {
        return worker.count("SELECT count(*) FROM cost_entries WHERE idempotency_key = ?", key);
    }

    private String ledgerState(String key) {
        assertThat(ledgerLines(key)).as("one ledger line for " + key).isEqualTo(1);
        for (String state : new String[] {"RESERVED", "SETTLED", "RELEASED"}) {
            if (worker.count("SELECT count(*) FROM cost_entries WHERE idempotency_key = ? AND state = ?", key, state) == 1) {
                return state;
            }
        }
        throw new AssertionError("no state for " + key);
    }

    private ProjectStatus status(UUID projectId) {
        return worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, worker.tenantId).orElseThrow().status();
    }

    private ClipStatus clipStatus(UUID clipId) {
        return worker.bean(ClipRepository.class).findByIdAndTenantId(clipId, worker.tenantId).orElseThrow().status();
    }
}
