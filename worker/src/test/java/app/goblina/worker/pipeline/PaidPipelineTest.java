package app.goblina.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.domain.MusicTracks;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.AnalyzeCharacter;
import app.goblina.jobs.AssembleProject;
import app.goblina.jobs.NarrateScenario;
import app.goblina.jobs.PollClip;
import app.goblina.jobs.SubmitClip;
import app.goblina.jobs.WriteScenarios;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.testkit.TestRedis;
import app.goblina.testkit.fakes.openai.FakeOpenAi;
import app.goblina.worker.analysis.AnalyzeCharacterStage;
import app.goblina.worker.assembly.AssembleProjectStage;
import app.goblina.worker.clips.PollClipStage;
import app.goblina.worker.clips.SubmitClipStage;
import app.goblina.worker.media.LoudnessMeter;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.narration.NarrateScenarioStage;
import app.goblina.worker.providers.VideoContractMedia;
import app.goblina.worker.scenarios.WriteScenariosStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A project whose analysis, writing and narration are paid OpenAI calls (against the OpenAI fake), with Redis
 * as the cache and the soft-pad music under it all: every stage runs, narration reaches the short, the short is
 * loudness-normalized, the ledger settles each call, and the same inputs never pay twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaidPipelineTest {

    private FakeOpenAi openai;
    private WorkerTestContext worker;

    @BeforeAll
    void start() throws Exception {
        openai = FakeOpenAi.start("sk-test-openai");
        worker = new WorkerTestContext(Map.of(
                "goblina.openai.api-key", "sk-test-openai",
                "goblina.openai.base-url", openai.baseUrl().toString(),
                "goblina.providers.analyst", "openai",
                "goblina.redis.url", TestRedis.uri().toString()));
    }

    @AfterAll
    void stop() {
        worker.close();
        openai.close();
    }

    @Test
    void aNarratedProjectPaysEachCallOnceAndItsShortCarriesTheNarration() throws Exception {
        UUID characterId = character();
        UUID projectId = UUID.randomUUID();
        worker.bean(ProjectRepository.class).save(ProjectRows.project(worker.tenantId, characterId)
                .id(projectId).scenes(2, 2).captions().at(ProjectStatus.QUEUED, Stage.ANALYSIS)
                .video("local", "local-ffmpeg").writer("openai", null).narration("openai", "coral")
                .music(MusicTracks.SOFT_PAD).build());

        worker.bean(AnalyzeCharacterStage.class).run(new AnalyzeCharacter(worker.tenantId, characterId));
        worker.bean(WriteScenariosStage.class).run(new WriteScenarios(worker.tenantId, projectId));
        List<ScenarioRow> scenarios = worker.bean(ScenarioRepository.class).findByProject(projectId, worker.tenantId);
        for (ClipRow clip : worker.bean(ClipRepository.class).findByProject(projectId, worker.tenantId)) {
            worker.bean(SubmitClipStage.class).run(new SubmitClip(worker.tenantId, projectId, clip.id()));
            worker.bean(PollClipStage.class).run(new PollClip(worker.tenantId, projectId, clip.id(), 1, Instant.now()));
        }
        assertThat(worker.jobsWithId(new AssembleProject(worker.tenantId, projectId).jobId()))
                .as("clips alone do not start the assembly").isZero();
        for (ScenarioRow scenario : scenarios) {
            worker.bean(NarrateScenarioStage.class).run(new NarrateScenario(worker.tenantId, projectId, scenario.id()));
        }
        assertThat(worker.jobsWithId(new AssembleProject(worker.tenantId, projectId).jobId()))
                .as("the last narration enqueues the assembly").isEqualTo(1);
        worker.bean(AssembleProjectStage.class).run(new AssembleProject(worker.tenantId, projectId));

        assertThat(status(projectId)).isEqualTo(ProjectStatus.DONE);
        assertThat(openai.chatCalls()).as("one analysis, one writing").isEqualTo(2);
        assertThat(openai.speechCalls()).as("one narration per scene").isEqualTo(2);
        assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE tenant_id = ? AND state = 'SETTLED'", worker.tenantId))
                .as("analysis, writing, two clips, two narrations").isEqualTo(6);
        assertThat(worker.bean(ScenarioRepository.class).findByProject(projectId, worker.tenantId))
                .allSatisfy(s -> assertThat(s.narrationStatus()).isEqualTo("READY"));
        Path copy = Files.createTempFile("narrated", ".mp4");
        worker.bean(BlobStore.class).download(BlobKeys.render(worker.tenantId, projectId), copy);
        MediaInfo info = new MediaProbe().probe(copy);
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.durationSeconds()).isBetween(3.8, 4.2);
        LoudnessMeter.Loudness loudness = new LoudnessMeter().measure(copy);
        assertThat(loudness.silent()).as("the soft-pad music plays under the silent narration").isFalse();
        assertThat(loudness.integratedLufs()).isCloseTo(-14.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(loudness.truePeakDbtp()).isLessThanOrEqualTo(-0.9);
        Files.delete(copy);

        // the same image again: the analysis comes from the cache, no new call, no new charge
        UUID again = character();
        worker.bean(AnalyzeCharacterStage.class).run(new AnalyzeCharacter(worker.tenantId, again));
        assertThat(openai.chatCalls()).isEqualTo(2);
        assertThat(worker.bean(CharacterRepository.class).findByIdAndTenantId(again, worker.tenantId).orElseThrow().styleGuideJson())
                .isEqualTo(worker.bean(CharacterRepository.class).findByIdAndTenantId(characterId, worker.tenantId).orElseThrow().styleGuideJson());
    }

    private UUID character() {
        UUID id = UUID.randomUUID();
        String key = BlobKeys.characterImage(worker.tenantId, id, "png");
        byte[] png = VideoContractMedia.characterPng();
        worker.bean(BlobStore.class).put(key, png, "image/png");
        worker.bean(CharacterRepository.class).save(CharacterRow.analyzing(id, worker.tenantId, "Ms. Goblina", key,
                "image/png", "same-image-sha256", 64, 96));
        return id;
    }

    private ProjectStatus status(UUID projectId) {
        return worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, worker.tenantId).orElseThrow().status();
    }
}
