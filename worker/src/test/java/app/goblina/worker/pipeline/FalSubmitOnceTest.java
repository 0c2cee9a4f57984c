package app.goblina.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.clips.VideoGenerator;
import app.goblina.domain.ClipStatus;
import app.goblina.domain.Preset;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.JobIds;
import app.goblina.jobs.SubmitClip;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.testkit.fakes.fal.FakeFalServer;
import app.goblina.testkit.fakes.fal.FakeFalServer.Endpoint;
import app.goblina.testkit.fakes.fal.FalErrors;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.worker.clips.ClipRequests;
import app.goblina.worker.clips.SubmitClipStage;
import app.goblina.worker.providers.Providers;
import app.goblina.worker.providers.VideoContractMedia;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Submit-once against the fal fake, failing at each step around the paid submit, with a request history that
 * lists requests only once they end (what fal may do). A lost submit is not listed while it runs, so the retry
 * waits (the intent stays on record) and adopts the request once it has ended: one submit per clip, whatever the
 * step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FalSubmitOnceTest {

    private static final String KEY = "test-fal-submit-once:secret";
    private static final String MODEL = "fal-ai/kling-video/v2.5-turbo/pro/image-to-video";

    private FakeFalServer fal;
    private WorkerTestContext worker;
    private UUID characterId;

    @BeforeAll
    void start() throws Exception {
        fal = FakeFalServer.builder(KEY, VideoContractMedia.video()).start();
        worker = new WorkerTestContext(Map.of(
                "goblina.fal.key", KEY,
                "goblina.fal.queue-url", fal.queueUrl().toString(),
                "goblina.fal.platform-url", fal.platformUrl().toString(),
                "goblina.fal.download-hosts", fal.downloadHost(),
                "goblina.fal.create-timeout", "700ms",
                "goblina.fal.request-timeout", "2s"));
        characterId = worker.readyCharacter();
    }

    @AfterAll
    void stop() {
        worker.close();
        fal.close();
    }

    @Test
    void aFirstSubmissionQueuesOnceAndSchedulesItsPoll() {
        ClipRow clip = newClip("first");
        int before = fal.creates();

        submit(clip);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(reload(clip).providerJobId()).startsWith("fal-ai/kling-video:");
        assertThat(fal.creates() - before).isEqualTo(1);
        assertThat(worker.jobsWithId(JobIds.of(clip.id(), "poll-1"))).isEqualTo(1);
    }

    @Test
    void aCrashAfterTheSubmitAndBeforeItsIdIsSavedWaitsForTheHistoryThenAdoptsTheRequest() {
        ClipRow clip = newClip("after submit");
        int before = fal.creates();
        submit(clip);
        String firstId = reload(clip).providerJobId();
        worker.execute("UPDATE clips SET status = 'SUBMITTING', provider_job_id = NULL WHERE id = ?", clip.id());

        assertThatThrownBy(() -> submit(clip)).as("still running: not listed yet").isInstanceOf(TransientFailure.class)
                .hasMessageContaining("proves nothing");
        assertThat(reload(clip).status()).as("the intent stays on record").isEqualTo(ClipStatus.SUBMITTING);
        fal.advance(Duration.ofMinutes(2));
        submit(clip);

        assertThat(reload(clip).providerJobId()).isEqualTo(firstId);
        assertThat(fal.creates() - before).isEqualTo(1);
    }

    @Test
    void aSubmitThatTimesOutIsAdoptedOnceItHasEndedInsteadOfPaidAgain() {
        ClipRow clip = newClip("submit timeout");
        int before = fal.creates();
        fal.fail(Endpoint.SUBMIT, Fault.slow(Duration.ofSeconds(2)), 1);

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(TransientFailure.class);
        assertThatThrownBy(() -> submit(clip)).isInstanceOf(TransientFailure.class);
        fal.advance(Duration.ofMinutes(2));
        submit(clip);

        assertThat(reload(clip).status()).isIn(ClipStatus.RUNNING, ClipStatus.READY);
        assertThat(fal.creates() - before).isEqualTo(1);
    }

    @Test
    void aSubmitRefusedWithA429ClearsTheIntentAndIsSentAgainWithoutALookup() {
        ClipRow clip = newClip("rate limited");
        int creates = fal.creates();
        int lookups = fal.historyReads();
        fal.fail(Endpoint.SUBMIT, FalErrors.rateLimited(Duration.ofSeconds(3)), 1);

        RateLimited limited = org.assertj.core.api.Assertions.catchThrowableOfType(RateLimited.class, () -> submit(clip));
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(reload(clip).status()).isEqualTo(ClipStatus.PENDING);
        submit(clip);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(fal.creates() - creates).isEqualTo(1);
        assertThat(fal.historyReads() - lookups).as("a refusal asks for no earlier request").isZero();
    }

    @Test
    void anExhaustedBalanceFailsTheClipWithWhatToDoAndQueuesNothing() {
        ClipRow clip = newClip("balance");
        int before = fal.creates();
        fal.fail(Endpoint.SUBMIT, FalErrors.balanceExhausted(), 1);

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.FAILED);
        assertThat(project(clip).failureReason()).contains("top it up");
        assertThat(fal.creates()).isEqualTo(before);
    }

    @Test
    void twoMatchingRequestsAreShownAsAmbiguousAndNothingIsResubmitted() {
        ClipRow clip = newClip("ambiguous");
        submit(clip);
        VideoGenerator generator = worker.bean(Providers.class).video("fal");
        generator.submit(worker.bean(ClipRequests.class).build(project(clip), reload(clip)));
        worker.execute("UPDATE clips SET status = 'SUBMITTING', provider_job_id = NULL WHERE id = ?", clip.id());
        fal.advance(Duration.ofMinutes(2));
        int before = fal.creates();

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

        assertThat(reload(clip).ambiguous()).isTrue();
        assertThat(reload(clip).failureReason()).contains("not resubmitted, to avoid paying twice");
        assertThat(fal.creates()).isEqualTo(before);
        assertThat(project(clip).status()).isEqualTo(ProjectStatus.FAILED);
    }

    private void submit(ClipRow clip) {
        worker.bean(SubmitClipStage.class).run(new SubmitClip(clip.tenantId(), clip.projectId(), clip.id()));
    }

    private ClipRow reload(ClipRow clip) {
        return worker.bean(ClipRepository.class).findByIdAndTenantId(clip.id(), clip.tenantId()).orElseThrow();
    }

    private ProjectRow project(ClipRow clip) {
        return worker.bean(ProjectRepository.class).findByIdAndTenantId(clip.projectId(), clip.tenantId()).orElseThrow();
    }

    private ClipRow newClip(String label) {
        UUID projectId = UUID.randomUUID();
        worker.bean(ProjectRepository.class).save(ProjectRows.project(worker.tenantId, characterId)
                .id(projectId).topic("tea " + label).preset(Preset.SASSY).scenes(2, 5).size(1080, 1920).captions()
                .at(ProjectStatus.GENERATING, Stage.CLIPS).video("fal", MODEL).writer("local", "local-templates")
                .estimateCents(70).build());
        UUID scenarioId = UUID.randomUUID();
        UUID clipId = UUID.randomUUID();
        worker.bean(ScenarioRepository.class).insertIfAbsent(scenarioId, worker.tenantId, projectId, 0, "Hook " + label,
                "she grins", "caption " + label, "Ms. Goblina grins about " + label + " " + clipId, 5);
        worker.bean(ClipRepository.class).insertIfAbsent(clipId, worker.tenantId, projectId, scenarioId, "fal", MODEL);
        return worker.bean(ClipRepository.class).findByIdAndTenantId(clipId, worker.tenantId).orElseThrow();
    }
}
