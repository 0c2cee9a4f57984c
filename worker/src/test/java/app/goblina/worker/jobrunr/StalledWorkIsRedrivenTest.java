package app.goblina.worker.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.AssembleProject;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.WriteScenarios;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ProjectCancellationRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.testkit.TestRedis;
import app.goblina.worker.limits.ProviderRateLimiter;
import app.goblina.worker.pipeline.ProjectRows;
import app.goblina.worker.pipeline.WorkerTestContext;
import app.goblina.worker.retries.RetryVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sweeper, as JobRunr's server runs it every few seconds, finds running records whose job is gone, deleted or
 * failed, and re-drives them through JobRunr's API; the local providers then finish the work for real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StalledWorkIsRedrivenTest {

    /** A provider of this test's own, with a concurrency limit, so its generation slots live in Redis. */
    private final String slotProvider = "p" + UUID.randomUUID().toString().substring(0, 8);
    private WorkerTestContext worker;
    private UUID characterId;

    @BeforeAll
    void start() throws Exception {
        worker = new WorkerTestContext(Map.of(
                "goblina.worker.run-server", true,
                "goblina.worker.threads", 4,
                "goblina.worker.sweep-after", "2s",
                "goblina.redis.url", TestRedis.uri().toString(),
                "goblina.limits.spec", slotProvider + "/*=concurrent:5"));
        characterId = worker.readyCharacter();
    }

    @AfterAll
    void stop() {
        worker.close();
    }

    @Test
    void aProjectWhoseJobWasNeverEnqueuedIsPickedUpAndFinished() {
        // given a project committed as WRITING by a process that died before enqueueing its job
        UUID projectId = newProject(ProjectStatus.WRITING);

        // then the sweep creates the job, and the pipeline finishes the short
        awaitStatus(projectId, ProjectStatus.DONE);
    }

    @Test
    void aProjectWhoseJobWasDeletedIsRequeuedAndFinished() {
        // given a QUEUED project whose scenario writing was deleted (say, from the dashboard) before it ran
        UUID projectId = newProject(ProjectStatus.QUEUED);
        WriteScenarios write = new WriteScenarios(worker.tenantId, projectId);
        worker.bean(JobQueue.class).schedule(write, java.time.Instant.now().plus(Duration.ofHours(1)));
        Job job = storage().getJobById(write.jobId());
        job.delete("deleted by hand");
        storage().save(job);

        // then the same job is requeued (an enqueue under its id would be skipped) and the short is made
        awaitStatus(projectId, ProjectStatus.DONE);
        assertThat(storage().getJobById(write.jobId()).getJobStates().stream().map(s -> s.getName()))
                .containsSubsequence(StateName.DELETED, StateName.ENQUEUED, StateName.PROCESSING, StateName.SUCCEEDED);
    }

    @Test
    void aProjectWhoseJobFailedForGoodWhileTheDatabaseWasAwayIsFailedWithTheReason() {
        // given an assembling project whose assembly JobRunr gave up on, without the record being told
        UUID projectId = newProject(ProjectStatus.ASSEMBLING);
        AssembleProject assemble = new AssembleProject(worker.tenantId, projectId);
        worker.bean(JobQueue.class).schedule(assemble, java.time.Instant.now().plus(Duration.ofHours(1)));
        Job job = storage().getJobById(assemble.jobId());
        job.enqueue();
        job.failed("An exception occurred during the performance of the job",
                new app.goblina.failures.TransientFailure("storage: the bucket refused the upload"));
        RetryVerdict.gaveUp(job);
        storage().save(job);

        // then the sweep records it on the project, worded as the job server's filter would have
        ProjectRow failed = awaitStatus(projectId, ProjectStatus.FAILED);
        assertThat(failed.stage()).isEqualTo(Stage.ASSEMBLY);
        assertThat(failed.failureReason()).isEqualTo("gave up after 1 attempt: storage: the bucket refused the upload");
    }

    @Test
    void aJobLeftFailedWithoutARetryDecisionIsRetriedAndTheShortFinished() {
        // given scenario writing that JobRunr settled in FAILED after a 503 without electing a retry, as its steward
        // can leave a job it saves while the job fails
        UUID projectId = newProject(ProjectStatus.QUEUED);
        WriteScenarios write = new WriteScenarios(worker.tenantId, projectId);
        worker.bean(JobQueue.class).schedule(write, java.time.Instant.now().plus(Duration.ofHours(1)));
        Job job = storage().getJobById(write.jobId());
        job.enqueue();
        job.failed("An exception occurred during the performance of the job",
                new app.goblina.failures.TransientFailure("replicate: HTTP 503"));
        storage().save(job);
        assertThat(RetryVerdict.gaveUpOnLastFailure(storage().getJobById(write.jobId()))).isFalse();

        // then the sweep elects the retry the failure should have had, and the short is made
        awaitStatus(projectId, ProjectStatus.DONE);
        assertThat(storage().getJobById(write.jobId()).getJobStates().stream().map(s -> s.getName()))
                .containsSubsequence(StateName.FAILED, StateName.SCHEDULED, StateName.ENQUEUED, StateName.PROCESSING,
                        StateName.SUCCEEDED);
    }

    @Test
    void aProjectLeftGeneratingWithAFailedClipIsFailedNamingTheScene() {
        // given a clip marked failed by a process that died before failing its project
        UUID projectId = newProject(ProjectStatus.GENERATING);
        UUID scenarioId = UUID.randomUUID();
        UUID clipId = UUID.randomUUID();
        worker.bean(ScenarioRepository.class).insertIfAbsent(scenarioId, worker.tenantId, projectId, 0, "Hook",
                "she grins", "caption", "Ms. Goblina grins " + clipId, 2);
        worker.bean(ClipRepository.class).insertIfAbsent(clipId, worker.tenantId, projectId, scenarioId, "local", "default");
        worker.bean(ClipRepository.class).markFailed(clipId, worker.tenantId, "the video provider refused the prompt");
        worker.execute("UPDATE projects SET updated_at = now() - interval '1 hour' WHERE id = ?", projectId);

        // then the sweep fails the project with the clip's reason
        ProjectRow failed = awaitStatus(projectId, ProjectStatus.FAILED);
        assertThat(failed.stage()).isEqualTo(Stage.CLIPS);
        assertThat(failed.failureReason()).isEqualTo("scene 1: the video provider refused the prompt");
    }

    @Test
    void aCancelWhoseJobWasLostIsCarriedOut() {
        // given a cancel committed by the API, which died before enqueueing the cancel job
        UUID projectId = newProject(ProjectStatus.CANCELLED);
        worker.bean(ProjectCancellationRepository.class).insertIfAbsent(projectId, worker.tenantId);
        worker.execute("UPDATE project_cancellations SET requested_at = now() - interval '1 hour' WHERE project_id = ?", projectId);

        // then the sweep runs it, and the cancel is on record as carried out
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                worker.bean(ProjectCancellationRepository.class).findByProject(projectId, worker.tenantId)
                        .map(c -> c.carriedOutAt() != null).orElse(false));
    }

    @Test
    void generationSlotsLeftTakenByClipsThatNoLongerGenerateAreFreedAndRunningOnesKept() {
        // given slots in Redis held by a clip of a failed project, a stored clip, and a clip still running
        String provider = slotProvider;
        UUID failedProject = newProject(ProjectStatus.FAILED);
        UUID liveProject = newProject(ProjectStatus.GENERATING);
        // (a live project the sweep leaves alone: it was touched just now)
        worker.execute("UPDATE projects SET updated_at = now() + interval '1 hour' WHERE id = ?", liveProject);
        UUID leftByFailure = clip(failedProject, 0, provider, "PENDING");
        UUID leftByCrash = clip(liveProject, 0, provider, "READY");
        UUID running = clip(liveProject, 1, provider, "RUNNING");
        ProviderRateLimiter limiter = worker.bean(ProviderRateLimiter.class);
        for (UUID clip : List.of(leftByFailure, leftByCrash, running)) {
            assertThat(limiter.generation(provider, "m", clip.toString()).granted()).isTrue();
        }
        assertThat(heldBy(provider)).hasSize(3);

        // then the sweep frees the two left behind, and the running clip keeps its slot
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> heldBy(provider).size() == 1);
        assertThat(heldBy(provider)).containsExactly(running.toString());
    }

    private List<String> heldBy(String provider) {
        return worker.bean(ProviderRateLimiter.class).heldSlots().stream().filter(slot -> slot.provider().equals(provider))
                .map(ProviderRateLimiter.HeldSlot::holder).toList();
    }

    /** A clip of {@code provider} in {@code status}, on a scene of its own. */
    private UUID clip(UUID projectId, int index, String provider, String status) {
        UUID scenarioId = UUID.randomUUID();
        UUID clipId = UUID.randomUUID();
        worker.bean(ScenarioRepository.class).insertIfAbsent(scenarioId, worker.tenantId, projectId, index, "Hook",
                "she grins", "caption", "Ms. Goblina grins " + clipId, 2);
        worker.bean(ClipRepository.class).insertIfAbsent(clipId, worker.tenantId, projectId, scenarioId, provider, "m");
        worker.execute("UPDATE clips SET status = '" + status + "' WHERE id = ?", clipId);
        return clipId;
    }

    private ProjectRow awaitStatus(UUID projectId, ProjectStatus status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> project(projectId).status(),
                s -> s == status || s.isTerminal());
        ProjectRow project = project(projectId);
        assertThat(project.status()).as(String.valueOf(project.failureReason())).isEqualTo(status);
        return project;
    }

    private ProjectRow project(UUID projectId) {
        return worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, worker.tenantId).orElseThrow();
    }

    private StorageProvider storage() {
        return worker.bean(StorageProvider.class);
    }

    /** A project as a crash would leave it: in {@code status}, untouched for an hour. */
    private UUID newProject(ProjectStatus status) {
        UUID projectId = UUID.randomUUID();
        worker.bean(ProjectRepository.class).save(ProjectRows.project(worker.tenantId, characterId)
                .id(projectId).topic("tidy caves").at(status, Stage.SCENARIOS).build());
        worker.execute("UPDATE projects SET updated_at = now() - interval '1 hour' WHERE id = ?", projectId);
        return projectId;
    }
}
