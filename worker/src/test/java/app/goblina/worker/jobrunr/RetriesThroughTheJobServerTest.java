package app.goblina.worker.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.domain.ClipStatus;
import app.goblina.domain.Preset;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.SubmitClip;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.testkit.fakes.sora.FakeSoraServer;
import app.goblina.testkit.fakes.sora.FakeSoraServer.Endpoint;
import app.goblina.testkit.fakes.sora.SoraErrors;
import app.goblina.worker.pipeline.ProjectRows;
import app.goblina.worker.pipeline.WorkerTestContext;
import app.goblina.worker.providers.VideoContractMedia;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retries as JobRunr's own background job server runs them, on a real PostgreSQL, against the Sora contract's fake:
 * no stage or filter is called by hand. The backoff's first wait is set far above the provider's Retry-After, so a
 * short wait can only come from honouring it; a single retry of the work makes running out of retries quick.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetriesThroughTheJobServerTest {

    private FakeSoraServer sora;
    private WorkerTestContext worker;
    private UUID characterId;

    @BeforeAll
    void start() throws Exception {
        sora = FakeSoraServer.builder("sk-test-sora", VideoContractMedia.video()).start();
        worker = new WorkerTestContext(Map.of(
                "goblina.worker.run-server", true,
                "goblina.worker.threads", 2,
                "goblina.worker.sweep-after", "1h",
                "goblina.retries.first-wait", "40s",
                "goblina.retries.work", 2,
                "goblina.sora.api-key", "sk-test-sora",
                "goblina.sora.base-url", sora.baseUrl().toString(),
                "goblina.sora.request-timeout", "2s"));
        characterId = worker.readyCharacter();
    }

    @AfterAll
    void stop() {
        worker.close();
        sora.close();
    }

    @Test
    void aSubmissionRateLimitedTwiceIsRetriedAtTheProvidersRetryAfterAndSucceedsWithOneCreate() {
        // given a provider that answers the next two creates with 429 and Retry-After: 1
        ClipRow clip = newClip("rate limited");
        sora.fail(Endpoint.CREATE, SoraErrors.rateLimitedSeconds(1), 2);
        int createsBefore = sora.creates();
        int listsBefore = sora.lists();

        // when the job server runs the submission
        SubmitClip submit = new SubmitClip(clip.tenantId(), clip.projectId(), clip.id());
        worker.bean(JobQueue.class).enqueue(submit);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> job(submit.jobId()).getState() == StateName.SUCCEEDED);

        // then its history shows two failures, each followed by a retry at about the provider's second
        Job job = job(submit.jobId());
        List<JobState> states = job.getJobStates();
        assertThat(states.stream().filter(FailedState.class::isInstance)).hasSize(2);
        List<ScheduledState> retries = states.stream().filter(ScheduledState.class::isInstance).map(ScheduledState.class::cast).toList();
        assertThat(retries).hasSize(2);
        for (ScheduledState retry : retries) {
            Duration wait = Duration.between(retry.getCreatedAt(), retry.getScheduledAt());
            assertThat(wait).as(retry.getReason()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(3));
            assertThat(retry.getReason()).contains("as the provider asked");
        }
        // and a refused create is no unknown outcome: no lookup, one paid create
        assertThat(sora.creates() - createsBefore).isEqualTo(1);
        assertThat(sora.lists() - listsBefore).isZero();
        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
    }

    @Test
    void aSubmissionThatRunsOutOfRetriesFailsItsClipAndProjectWithTheStageAndAReadableReason() {
        // given a provider that answers every create with a 503
        ClipRow clip = newClip("provider down");
        sora.fail(Endpoint.CREATE, SoraErrors.serverError(503), 3);

        // when the job server runs it once
        SubmitClip submit = new SubmitClip(clip.tenantId(), clip.projectId(), clip.id());
        worker.bean(JobQueue.class).enqueue(submit);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> job(submit.jobId()).getJobStates().stream().filter(FailedState.class::isInstance).count() >= 1);
        // the first failure is an unknown outcome (a 5xx may follow a create): the intent stays on record
        assertThat(reload(clip).status()).isEqualTo(ClipStatus.SUBMITTING);
        // and the retry is scheduled, not dropped, with JobRunr's backoff
        Job afterFirst = job(submit.jobId());
        assertThat(afterFirst.getState()).isEqualTo(StateName.SCHEDULED);
        ScheduledState retry = (ScheduledState) afterFirst.getJobState();
        assertThat(retry.getReason()).startsWith("Retry 1 of 2");
        assertThat(Duration.between(retry.getCreatedAt(), retry.getScheduledAt())).isBetween(Duration.ofSeconds(39),
                Duration.ofSeconds(55));

        // when each retry is brought forward (the dashboard's "requeue", through JobRunr's API) instead of waiting
        // out the 40 s and 120 s backoff
        for (int attempt = 0; attempt < 2; attempt++) {
            int failures = attempt + 1;
            await().atMost(Duration.ofSeconds(20)).until(() -> job(submit.jobId()).getState() == StateName.SCHEDULED);
            Job scheduled = job(submit.jobId());
            scheduled.enqueue();
            worker.bean(StorageProvider.class).save(scheduled);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                    .until(() -> job(submit.jobId()).getJobStates().stream().filter(FailedState.class::isInstance).count() > failures);
        }

        // then JobRunr gave up, and the clip and its project say where and why
        await().atMost(Duration.ofSeconds(10)).until(() -> reload(clip).status() == ClipStatus.FAILED);
        assertThat(job(submit.jobId()).getState()).isEqualTo(StateName.FAILED);
        assertThat(reload(clip).failureReason()).startsWith("gave up after 3 attempts: sora: HTTP 503 (provider error)");
        ProjectRow project = worker.bean(ProjectRepository.class).findByIdAndTenantId(clip.projectId(), clip.tenantId()).orElseThrow();
        assertThat(project.status()).isEqualTo(ProjectStatus.FAILED);
        assertThat(project.stage()).isEqualTo(Stage.CLIPS);
        assertThat(project.failureReason()).startsWith("scene 1: gave up after 3 attempts: sora: HTTP 503 (provider error)");
        assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE project_id = ? AND state = 'RESERVED'", project.id()))
                .as("nothing stays reserved for a clip that was never made").isZero();
    }

    @Test
    void aProjectWhoseScenesAreAllRefusedByTheProviderEndsFailedWithNothingLeftReserved() {
        // given a project of two scenes whose prompts the provider's moderation blocks at the end of the render
        String marker = "forbidden glitter " + UUID.randomUUID();
        sora.refusePromptsContaining(marker);
        ClipRow first = newClip(marker);
        ClipRow second = addClip(first.projectId(), 1, marker);

        // when the job server submits both and polls them
        worker.bean(JobQueue.class).enqueue(new SubmitClip(first.tenantId(), first.projectId(), first.id()));
        worker.bean(JobQueue.class).enqueue(new SubmitClip(second.tenantId(), second.projectId(), second.id()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> reload(first).status() == ClipStatus.RUNNING && reload(second).status() == ClipStatus.RUNNING);
        sora.advance(Duration.ofMinutes(2));

        // then both clips fail with the provider's reason, and so does the project, once
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> reload(first).status() == ClipStatus.FAILED && reload(second).status() == ClipStatus.FAILED);
        ProjectRow project = worker.bean(ProjectRepository.class).findByIdAndTenantId(first.projectId(), first.tenantId()).orElseThrow();
        assertThat(project.status()).isEqualTo(ProjectStatus.FAILED);
        assertThat(project.failureReason()).contains("moderation");
        // and the scene that failed after its project had already failed releases its own reservation too
        assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE project_id = ?", project.id())).isEqualTo(2);
        assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE project_id = ? AND state <> 'RELEASED'", project.id()))
                .as("a generation the provider refused is not charged").isZero();
    }

    private Job job(UUID id) {
        return worker.bean(StorageProvider.class).getJobById(id);
    }

    private ClipRow reload(ClipRow clip) {
        return worker.bean(ClipRepository.class).findByIdAndTenantId(clip.id(), clip.tenantId()).orElseThrow();
    }

    private ClipRow newClip(String label) {
        UUID projectId = UUID.randomUUID();
        worker.bean(ProjectRepository.class).save(ProjectRows.project(worker.tenantId, characterId)
                .id(projectId).topic("tea " + label).preset(Preset.SASSY).scenes(1, 4).size(1080, 1920).captions()
                .at(ProjectStatus.GENERATING, Stage.CLIPS).video("sora", "sora-2").writer("local", "local-templates")
                .estimateCents(40).build());
        return addClip(projectId, 0, label);
    }

    /** Scene {@code index} of the project, with its clip on Sora. */
    private ClipRow addClip(UUID projectId, int index, String label) {
        UUID scenarioId = UUID.randomUUID();
        UUID clipId = UUID.randomUUID();
        worker.bean(ScenarioRepository.class).insertIfAbsent(scenarioId, worker.tenantId, projectId, index, "Hook " + label,
                "she grins", "caption " + label, "Ms. Goblina grins about " + label + " " + clipId, 4);
        worker.bean(ClipRepository.class).insertIfAbsent(clipId, worker.tenantId, projectId, scenarioId, "sora", "sora-2");
        return worker.bean(ClipRepository.class).findByIdAndTenantId(clipId, worker.tenantId).orElseThrow();
    }
}
