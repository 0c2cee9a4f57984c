package app.goblina.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.domain.Preset;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.domain.StyleGuide;
import app.goblina.jobs.CancelProject;
import app.goblina.jobs.SubmitClip;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.StyleGuideJson;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.testkit.fakes.replicate.FakeReplicateServer;
import app.goblina.worker.cancel.CancelProjectStage;
import app.goblina.worker.clips.SubmitClipStage;
import app.goblina.worker.providers.VideoContractMedia;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A cancel reaches the provider: the running prediction is cancelled there and the reservation released. */
class CancelReachesProviderTest {

    @Test
    void cancellingAProjectCancelsItsRunningPredictionAndReleasesItsReservation() throws Exception {
        try (FakeReplicateServer replicate = FakeReplicateServer.builder("r8_test_token", VideoContractMedia.video()).start();
                WorkerTestContext worker = new WorkerTestContext(Map.of(
                        "goblina.replicate.api-token", "r8_test_token",
                        "goblina.replicate.base-url", replicate.baseUrl().toString()))) {
            UUID projectId = runningReplicateClip(worker);
            assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE project_id = ? AND state = 'RESERVED'", projectId))
                    .isEqualTo(1);

            // the API's part of a cancel
            worker.bean(ProjectRepository.class).cancel(projectId, worker.tenantId);
            worker.bean(ClipRepository.class).cancelAllOfProject(projectId, worker.tenantId);
            // the worker's part
            worker.bean(CancelProjectStage.class).run(new CancelProject(worker.tenantId, projectId));

            assertThat(replicate.cancels()).isEqualTo(1);
            assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE project_id = ? AND state = 'RESERVED'", projectId))
                    .isZero();
            assertThat(worker.count("SELECT count(*) FROM cost_entries WHERE project_id = ? AND state = 'RELEASED'", projectId))
                    .isEqualTo(1);
        }
    }

    private static UUID runningReplicateClip(WorkerTestContext worker) {
        UUID characterId = UUID.randomUUID();
        String key = BlobKeys.characterImage(worker.tenantId, characterId, "png");
        worker.bean(BlobStore.class).put(key, VideoContractMedia.characterPng(), "image/png");
        worker.bean(CharacterRepository.class).save(CharacterRow.analyzing(characterId, worker.tenantId, "Ms. Goblina",
                key, "image/png", "sha", 64, 96));
        worker.bean(CharacterRepository.class).markReady(characterId, worker.tenantId,
                StyleGuideJson.write(new StyleGuide("goblin", "cartoon", VideoContractMedia.PALETTE, List.of())), "local");
        UUID projectId = UUID.randomUUID();
        worker.bean(ProjectRepository.class).save(ProjectRows.project(worker.tenantId, characterId)
                .id(projectId).topic("tea").preset(Preset.DEADPAN).scenes(1, 5).size(1080, 1920).captions()
                .at(ProjectStatus.GENERATING, Stage.CLIPS).video("replicate", "kwaivgi/kling-v2.5-turbo-pro")
                .writer("local", "local-templates").estimateCents(35).build());
        UUID scenarioId = UUID.randomUUID();
        UUID clipId = UUID.randomUUID();
        worker.bean(ScenarioRepository.class).insertIfAbsent(scenarioId, worker.tenantId, projectId, 0, "Stare", "she stares",
                "Fact: tea exists.", "Ms. Goblina stares at tea " + clipId, 5);
        worker.bean(ClipRepository.class).insertIfAbsent(clipId, worker.tenantId, projectId, scenarioId, "replicate",
                "kwaivgi/kling-v2.5-turbo-pro");
        worker.bean(SubmitClipStage.class).run(new SubmitClip(worker.tenantId, projectId, clipId));
        return projectId;
    }
}
