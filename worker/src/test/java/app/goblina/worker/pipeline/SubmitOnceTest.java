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
import app.goblina.money.BudgetExceeded;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.testkit.fakes.sora.FakeSoraServer;
import app.goblina.testkit.fakes.sora.FakeSoraServer.Endpoint;
import app.goblina.testkit.fakes.sora.SoraErrors;
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
 * Submit-once against the Sora contract's fake, failing at each step around the paid create call. Whatever the
 * step, the fake counts exactly one create per clip; where the provider cannot tell, the clip is failed as
 * ambiguous and shown, never silently paid for again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmitOnceTest {

    private FakeSoraServer sora;
    private WorkerTestContext worker;
    private UUID characterId;

    @BeforeAll
    void start() throws Exception {
        sora = FakeSoraServer.builder("sk-test-sora", VideoContractMedia.video()).start();
        worker = new WorkerTestContext(Map.of(
                "goblina.sora.api-key", "sk-test-sora",
                "goblina.sora.base-url", sora.baseUrl().toString(),
                "goblina.sora.create-timeout", "700ms",
                "goblina.sora.request-timeout", "2s"));
        characterId = worker.readyCharacter();
    }

    @AfterAll
    void stop() {
        worker.close();
        sora.close();
    }

    @Test
    void aCrashAfterTheIntentAndBeforeTheCreateCreatesOnce() {
        ClipRow clip = newClip("after intent");
        worker.bean(ClipRepository.class).recordSubmitIntent(clip.id(), clip.tenantId());
        int before = sora.creates();

        submit(clip);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(sora.creates() - before).isEqualTo(1);
    }

    @Test
    void aCrashAfterTheCreateAndBeforeItsIdIsSavedAdoptsTheFirstGeneration() {
        ClipRow clip = newClip("after create");
        int before = sora.creates();
        submit(clip);
        String firstId = reload(clip).providerJobId();
        worker.execute("UPDATE clips SET status = 'SUBMITTING', provider_job_id = NULL WHERE id = ?", clip.id());

        submit(clip);

        assertThat(reload(clip).providerJobId()).isEqualTo(firstId);
        assertThat(sora.creates() - before).isEqualTo(1);
    }

    @Test
    void aCreateThatTimesOutIsFoundOnTheRetryInsteadOfPaidAgain() {
        ClipRow clip = newClip("create timeout");
        int before = sora.creates();
        sora.fail(Endpoint.CREATE, SoraErrors.slow(Duration.ofSeconds(2)), 1);

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(TransientFailure.class);
        assertThat(reload(clip).status()).as("the intent stays on record").isEqualTo(ClipStatus.SUBMITTING);
        submit(clip);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(sora.creates() - before).isEqualTo(1);
    }

    @Test
    void aCreateRefusedWithA5xxIsSubmittedAgainOnce() {
        ClipRow clip = newClip("server error");
        int before = sora.creates();
        sora.fail(Endpoint.CREATE, SoraErrors.serverError(502), 1);

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(TransientFailure.class);
        submit(clip);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(sora.creates() - before).isEqualTo(1);
    }

    @Test
    void aCrashAfterTheIdIsSavedOnlyMakesSureThePollIsScheduled() {
        ClipRow clip = newClip("after id");
        int before = sora.creates();
        submit(clip);

        submit(clip);

        assertThat(sora.creates() - before).isEqualTo(1);
        assertThat(worker.jobsWithId(JobIds.of(clip.id(), "poll-1"))).isEqualTo(1);
    }

    @Test
    void twoMatchingGenerationsAreShownAsAmbiguousAndNothingIsResubmitted() {
        ClipRow clip = newClip("ambiguous");
        submit(clip);
        ProjectRow project = worker.bean(ProjectRepository.class).findByIdAndTenantId(clip.projectId(), clip.tenantId()).orElseThrow();
        VideoGenerator generator = worker.bean(Providers.class).video("sora");
        generator.submit(worker.bean(ClipRequests.class).build(project, reload(clip)));
        worker.execute("UPDATE clips SET status = 'SUBMITTING', provider_job_id = NULL WHERE id = ?", clip.id());
        int before = sora.creates();

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

        ClipRow failed = reload(clip);
        assertThat(failed.status()).isEqualTo(ClipStatus.FAILED);
        assertThat(failed.ambiguous()).isTrue();
        assertThat(failed.failureReason()).contains("not resubmitted, to avoid paying twice");
        assertThat(sora.creates()).isEqualTo(before);
        ProjectRow after = worker.bean(ProjectRepository.class).findByIdAndTenantId(clip.projectId(), clip.tenantId()).orElseThrow();
        assertThat(after.status()).isEqualTo(ProjectStatus.FAILED);
        assertThat(after.failureReason()).startsWith("scene 1: a paid generation may already have started at sora");
    }

    @Test
    void aRunningProjectStopsBeforeItOverspendsItsBudget() {
        worker.execute("UPDATE tenants SET daily_budget_cents = (SELECT COALESCE(SUM(amount_cents), 0) FROM cost_entries "
                + "WHERE tenant_id = ? AND state IN ('RESERVED', 'SETTLED')) + 50 WHERE id = ?", worker.tenantId, worker.tenantId);
        ClipRow first = newClip("budget one");
        ClipRow second = newClip("budget two", first.projectId());
        int before = sora.creates();

        submit(first);
        assertThatThrownBy(() -> submit(second)).isInstanceOf(BudgetExceeded.class);

        assertThat(sora.creates() - before).as("the clip over budget was never created").isEqualTo(1);
        ProjectRow project = worker.bean(ProjectRepository.class).findByIdAndTenantId(first.projectId(), first.tenantId()).orElseThrow();
        assertThat(project.status()).isEqualTo(ProjectStatus.FAILED);
        assertThat(project.failureReason()).contains("daily budget");
        worker.execute("UPDATE tenants SET daily_budget_cents = 100000 WHERE id = ?", worker.tenantId);
        assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE project_id = ? AND state = 'RESERVED'", project.id()))
                .as("only the running clip's paid generation stays reserved").isEqualTo(1);
        assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE clip_id = ? AND state = 'RESERVED'", first.id()))
                .isEqualTo(1);
    }

    @Test
    void aCreateRefusedWithA429ClearsTheIntentAndIsSubmittedAgainWithoutALookup() {
        ClipRow clip = newClip("refused");
        int creates = sora.creates();
        int lists = sora.lists();
        sora.fail(Endpoint.CREATE, SoraErrors.rateLimitedSeconds(1), 1);

        assertThatThrownBy(() -> submit(clip)).isInstanceOf(RateLimited.class);
        assertThat(reload(clip).status()).as("nothing was created: the intent is cleared").isEqualTo(ClipStatus.PENDING);
        submit(clip);

        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(sora.creates() - creates).isEqualTo(1);
        assertThat(sora.lists() - lists).as("a refusal asks for no earlier generation").isZero();
    }

    @Test
    void aLookupRefusedWithA429KeepsTheUnknownCreateOnRecordAndFindsItNextTime() {
        // given a create whose answer was lost, and a provider that rate-limits the first look for it
        ClipRow clip = newClip("lookup refused");
        int creates = sora.creates();
        sora.fail(Endpoint.CREATE, SoraErrors.slow(Duration.ofSeconds(2)), 1);
        assertThatThrownBy(() -> submit(clip)).isInstanceOf(TransientFailure.class);
        sora.fail(Endpoint.LIST, SoraErrors.rateLimitedSeconds(1), 1);

        // when the retry's lookup is refused, and the next one answers
        assertThatThrownBy(() -> submit(clip)).isInstanceOf(RateLimited.class);
        assertThat(reload(clip).status()).as("a refused lookup says nothing about the create").isEqualTo(ClipStatus.SUBMITTING);
        submit(clip);

        // then the lost create is adopted, never paid again
        assertThat(reload(clip).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(sora.creates() - creates).isEqualTo(1);
    }

    @Test
    void twoClipsWithTheSamePromptInFlightAtOnceEachEndWithTheirOwnGeneration() {
        // given two scenes with the same prompt, model and settings; the first one's create times out at our end
        // although the provider made the video, while the second one's create answers
        UUID projectId = newProject("twins");
        ClipRow first = newClip("twin one", projectId, "Ms. Goblina bows to the audience " + projectId);
        ClipRow second = newClip("twin two", projectId, "Ms. Goblina bows to the audience " + projectId);
        int creates = sora.creates();
        sora.fail(Endpoint.CREATE, SoraErrors.slow(Duration.ofSeconds(2)), 1);
        assertThatThrownBy(() -> submit(first)).isInstanceOf(TransientFailure.class);
        submit(second);

        // when the first one is retried and looks for its earlier generation
        submit(first);

        // then it adopts its own video, not its sibling's, and neither is ambiguous
        ClipRow one = reload(first);
        ClipRow two = reload(second);
        assertThat(one.status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(two.status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(one.providerJobId()).isNotEqualTo(two.providerJobId());
        assertThat(one.ambiguous()).isFalse();
        assertThat(sora.creates() - creates).isEqualTo(2);
    }

    @Test
    void anAmbiguousClipFailsItsProjectButItsSiblingsPaidGenerationIsKept() {
        // given a running sibling and a clip whose lost create cannot be told apart from another video
        UUID projectId = newProject("keep siblings");
        ClipRow sibling = newClip("kept sibling", projectId, "Ms. Goblina waves " + projectId);
        submit(sibling);
        ClipRow clip = newClip("lost create", projectId, "Ms. Goblina winks " + projectId);
        submit(clip);
        ProjectRow project = worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, worker.tenantId).orElseThrow();
        worker.bean(Providers.class).video("sora").submit(worker.bean(ClipRequests.class).build(project, reload(clip)));
        worker.execute("UPDATE clips SET status = 'SUBMITTING', provider_job_id = NULL WHERE id = ?", clip.id());

        // when
        assertThatThrownBy(() -> submit(clip)).isInstanceOf(PermanentFailure.class);

        // then the project failed naming the scene, and the sibling's paid generation still runs and stays reserved
        ProjectRow failed = worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, worker.tenantId).orElseThrow();
        assertThat(failed.status()).isEqualTo(ProjectStatus.FAILED);
        assertThat(failed.failureReason()).startsWith("scene 2: a paid generation may already have started");
        assertThat(reload(sibling).status()).isEqualTo(ClipStatus.RUNNING);
        assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE clip_id = ? AND state = 'RESERVED'", sibling.id()))
                .isEqualTo(1);
    }

    private void submit(ClipRow clip) {
        worker.bean(SubmitClipStage.class).run(new SubmitClip(clip.tenantId(), clip.projectId(), clip.id()));
    }

    private ClipRow reload(ClipRow clip) {
        return worker.bean(ClipRepository.class).findByIdAndTenantId(clip.id(), clip.tenantId()).orElseThrow();
    }

    private ClipRow newClip(String label) {
        return newClip(label, newProject(label));
    }

    private UUID newProject(String label) {
        UUID projectId = UUID.randomUUID();
        worker.bean(ProjectRepository.class).save(ProjectRows.project(worker.tenantId, characterId)
                .id(projectId).topic("tea " + label).preset(Preset.SASSY).scenes(2, 4).size(1080, 1920).captions()
                .at(ProjectStatus.GENERATING, Stage.CLIPS).video("sora", "sora-2").writer("local", "local-templates")
                .estimateCents(80).build());
        return projectId;
    }

    private ClipRow newClip(String label, UUID projectId) {
        return newClip(label, projectId, null);
    }

    private ClipRow newClip(String label, UUID projectId, String prompt) {
        UUID scenarioId = UUID.randomUUID();
        UUID clipId = UUID.randomUUID();
        int index = (int) worker.count("SELECT count(*) FROM scenarios WHERE project_id = ?", projectId);
        worker.bean(ScenarioRepository.class).insertIfAbsent(scenarioId, worker.tenantId, projectId, index, "Hook " + label,
                "she grins", "caption " + label,
                prompt != null ? prompt : "Ms. Goblina grins about " + label + " " + clipId, 4);
        worker.bean(ClipRepository.class).insertIfAbsent(clipId, worker.tenantId, projectId, scenarioId, "sora", "sora-2");
        return worker.bean(ClipRepository.class).findByIdAndTenantId(clipId, worker.tenantId).orElseThrow();
    }
}
