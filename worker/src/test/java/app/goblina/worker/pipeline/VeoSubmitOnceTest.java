package app.goblina.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import app.goblina.testkit.fakes.veo.FakeVeoServer;
import app.goblina.testkit.fakes.veo.FakeVeoServer.Endpoint;
import app.goblina.testkit.fakes.veo.VeoErrors;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.worker.clips.SubmitClipStage;
import app.goblina.worker.providers.VideoContractMedia;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Submit-once against the Veo fake, failing at each step around the paid create call. The Gemini API cannot list
 * earlier operations, so wherever a create may have gone through unseen, the clip is failed as ambiguous and
 * shown, never sent again: the fake counts at most one create per clip, whatever the step. Where the API's answer
 * says nothing was done (429, 4xx, 503 UNAVAILABLE), the clip is sent again, once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VeoSubmitOnceTest {

    private static final String KEY = "test-veo-submit-once";

    private FakeVeoServer veo;
    private WorkerTestContext worker;
    private UUID characterId;

    @BeforeAll
    void start() throws Exception {
        veo = FakeVeoServer.builder(KEY, VideoContractMedia.video()).start();
        worker = new WorkerTestContext(Map.of(
                "goblina.veo.api-key", KEY,
                "goblina.veo.base-url", veo.baseUrl().toString(),
                "goblina.veo.download-hosts", veo.downloadHost(),
                "goblina.veo.create-timeout", "700ms",
                "goblina.veo.request-timeout", "2s"));
        characterId = worker.readyCharacter();
    }

    @AfterAll
    void stop() {
        worker.close();
        veo.close();
    }

    @Test
    void aFirstSubmissionCreatesOnceAndSchedulesItsPoll() {
        ClipRow clip = newClip("first");
        int before = veo.creates();

        submit(clip);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(reload(clip).providerJobId()).startsWith("models/veo-3.1-lite-generate-preview/operations/");
        assertThat(veo.creates() - before).isEqualTo(1);
        assertThat(worker.jobsWithId(JobIds.of(clip.id(), "poll-1"))).isEqualTo(1);
    }

    @Test
    void aCrashAfterTheIntentAndBeforeTheCreateIsShownAsAmbiguousAndNotSent() {
        ClipRow clip = newClip("after intent");
        worker.bean(ClipRepository.class).recordSubmitIntent(clip.id(), clip.tenantId());
        int before = veo.creates();

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

        ClipRow failed = reload(clip);
        assertThat(failed.status()).isEqualTo(ClipStatus.FAILED);
        assertThat(failed.ambiguous()).isTrue();
        assertThat(failed.failureReason()).contains("cannot list earlier video operations")
                .contains("not resubmitted, to avoid paying twice");
        assertThat(veo.creates()).isEqualTo(before);
        assertThat(project(clip).status()).isEqualTo(ProjectStatus.FAILED);
    }

    @Test
    void aCrashAfterTheCreateAndBeforeItsIdIsSavedNeverCreatesASecondTime() {
        ClipRow clip = newClip("after create");
        int before = veo.creates();
        submit(clip);
        worker.execute("UPDATE clips SET status = 'SUBMITTING', provider_job_id = NULL WHERE id = ?", clip.id());

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

        assertThat(reload(clip).ambiguous()).isTrue();
        assertThat(veo.creates() - before).isEqualTo(1);
    }

    @Test
    void aCreateThatTimesOutIsNotPaidAgainOnTheRetry() {
        ClipRow clip = newClip("create timeout");
        int before = veo.creates();
        veo.fail(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(2)), 1);

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(TransientFailure.class);
        assertThat(reload(clip).status()).as("the intent stays on record").isEqualTo(ClipStatus.SUBMITTING);
        assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

        assertThat(reload(clip).ambiguous()).isTrue();
        assertThat(veo.creates() - before).as("the slow create went through once; the retry sent none").isEqualTo(1);
    }

    @Test
    void aCrashAfterTheIdIsSavedOnlyMakesSureThePollIsScheduled() {
        ClipRow clip = newClip("after id");
        int before = veo.creates();
        submit(clip);

        submit(clip);

        assertThat(veo.creates() - before).isEqualTo(1);
        assertThat(worker.jobsWithId(JobIds.of(clip.id(), "poll-1"))).isEqualTo(1);
    }

    @Test
    void aCreateRateLimitedWithResourceExhaustedClearsTheIntentAndIsSentAgainOnce() {
        ClipRow clip = newClip("rate limited");
        int before = veo.creates();
        veo.fail(Endpoint.CREATE, VeoErrors.rateLimited(Duration.ofSeconds(7)), 1);

        RateLimited limited = org.assertj.core.api.Assertions.catchThrowableOfType(RateLimited.class, () -> submit(clip));
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(reload(clip).status()).as("nothing was created: the intent is cleared").isEqualTo(ClipStatus.PENDING);
        submit(clip);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(veo.creates() - before).isEqualTo(1);
    }

    @Test
    void anOverloadedModelAnswering503UnavailableIsSentAgainOnce() {
        ClipRow clip = newClip("overloaded");
        int before = veo.creates();
        veo.fail(Endpoint.CREATE, VeoErrors.serverError(503), 1);

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(TransientFailure.class);
        assertThat(reload(clip).status()).as("UNAVAILABLE means not processed").isEqualTo(ClipStatus.PENDING);
        submit(clip);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(veo.creates() - before).isEqualTo(1);
    }

    @Test
    void anInternalErrorOnTheCreateMayHaveTakenEffectSoItIsNotSentAgain() {
        ClipRow clip = newClip("internal");
        int before = veo.creates();
        veo.fail(Endpoint.CREATE, VeoErrors.serverError(500), 1);

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(TransientFailure.class);
        assertThat(reload(clip).status()).isEqualTo(ClipStatus.SUBMITTING);
        assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

        assertThat(reload(clip).ambiguous()).isTrue();
        assertThat(veo.creates()).isEqualTo(before);
    }

    @Test
    void aRefusedBodyFailsTheClipWithTheApisReasonAndCreatesNothing() {
        ClipRow clip = newClip("billing");
        int before = veo.creates();
        veo.fail(Endpoint.CREATE, VeoErrors.billingDisabled(), 1);

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.FAILED);
        assertThat(reload(clip).ambiguous()).isFalse();
        assertThat(project(clip).failureReason()).contains("FAILED_PRECONDITION").contains("enable billing");
        assertThat(veo.creates()).isEqualTo(before);
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
                .id(projectId).topic("tea " + label).preset(Preset.SASSY).scenes(2, 4).size(1080, 1920).captions()
                .at(ProjectStatus.GENERATING, Stage.CLIPS).video("veo", "veo-3.1-lite-generate-preview")
                .writer("local", "local-templates").estimateCents(40).build());
        UUID scenarioId = UUID.randomUUID();
        UUID clipId = UUID.randomUUID();
        worker.bean(ScenarioRepository.class).insertIfAbsent(scenarioId, worker.tenantId, projectId, 0, "Hook " + label,
                "she grins", "caption " + label, "Ms. Goblina grins about " + label + " " + clipId, 4);
        worker.bean(ClipRepository.class).insertIfAbsent(clipId, worker.tenantId, projectId, scenarioId, "veo",
                "veo-3.1-lite-generate-preview");
        return worker.bean(ClipRepository.class).findByIdAndTenantId(clipId, worker.tenantId).orElseThrow();
    }
}
