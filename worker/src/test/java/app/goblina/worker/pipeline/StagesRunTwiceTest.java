package app.goblina.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.domain.ClipStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.AnalyzeCharacter;
import app.goblina.jobs.AssembleProject;
import app.goblina.jobs.JobIds;
import app.goblina.jobs.PollClip;
import app.goblina.jobs.SubmitClip;
import app.goblina.jobs.WriteScenarios;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.worker.analysis.AnalyzeCharacterStage;
import app.goblina.worker.assembly.AssembleProjectStage;
import app.goblina.worker.clips.PollClipStage;
import app.goblina.worker.clips.SubmitClipStage;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.scenarios.WriteScenariosStage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * Each stage run a second time, as JobRunr does after a crash between a stage's work and its commit (the job is
 * orphaned and retried), leaves one result: no duplicate rows, files or jobs. The state a crash would leave is
 * set up by rewinding the records the first run moved. Runs the whole pipeline for one project on the way, with
 * the local providers, and reads the short back.
 */
@TestInstance(Lifecycle.PER_CLASS)
class StagesRunTwiceTest {

    private WorkerTestContext worker;
    private UUID tenantId;
    private UUID characterId;
    private UUID projectId;

    @BeforeAll
    void start() throws Exception {
        worker = new WorkerTestContext();
        tenantId = worker.tenantId;
        characterId = UUID.randomUUID();
        projectId = UUID.randomUUID();
        byte[] png = goblinPng();
        String key = BlobKeys.characterImage(tenantId, characterId, "png");
        worker.bean(BlobStore.class).put(key, png, "image/png");
        worker.bean(CharacterRepository.class).save(CharacterRow.analyzing(characterId, tenantId, "Ms. Goblina", key,
                "image/png", "sha", 120, 160));
        worker.bean(ProjectRepository.class).save(ProjectRows.project(tenantId, characterId)
                .id(projectId).scenes(2, 2).captions().at(ProjectStatus.QUEUED, Stage.ANALYSIS)
                .video("local", "local-ffmpeg").writer("local", "local-templates").build());
    }

    @AfterAll
    void stop() {
        worker.close();
    }

    @Test
    void thePipelineLeavesOneResultPerStageWhenEveryStageRunsTwice() throws Exception {
        // Analysis twice: one style guide, the waiting project's writing enqueued once.
        AnalyzeCharacter analyze = new AnalyzeCharacter(tenantId, characterId);
        worker.bean(AnalyzeCharacterStage.class).run(analyze);
        worker.execute("UPDATE characters SET status = 'ANALYZING' WHERE id = ?", characterId);
        worker.bean(AnalyzeCharacterStage.class).run(analyze);
        CharacterRow character = worker.bean(CharacterRepository.class).findByIdAndTenantId(characterId, tenantId).orElseThrow();
        assertThat(character.styleGuideJson()).contains("palette");
        assertThat(worker.jobsWithId(new WriteScenarios(tenantId, projectId).jobId())).isEqualTo(1);

        // Writing twice, the second time as if the project's move to GENERATING had been lost.
        WriteScenarios write = new WriteScenarios(tenantId, projectId);
        worker.bean(WriteScenariosStage.class).run(write);
        worker.execute("UPDATE projects SET status = 'WRITING' WHERE id = ?", projectId);
        worker.bean(WriteScenariosStage.class).run(write);
        assertThat(worker.count("SELECT count(*) FROM scenarios WHERE project_id = ?", projectId)).isEqualTo(2);
        assertThat(worker.count("SELECT count(*) FROM clips WHERE project_id = ?", projectId)).isEqualTo(2);
        assertThat(status()).isEqualTo(ProjectStatus.GENERATING);
        List<ClipRow> clips = worker.bean(ClipRepository.class).findByProject(projectId, tenantId);
        for (ClipRow clip : clips) {
            assertThat(worker.jobsWithId(new SubmitClip(tenantId, projectId, clip.id()).jobId())).isEqualTo(1);
        }

        // Submitting twice, the second time as if the process died after the provider call and before the id was saved.
        for (ClipRow clip : clips) {
            SubmitClip submit = new SubmitClip(tenantId, projectId, clip.id());
            worker.bean(SubmitClipStage.class).run(submit);
            worker.execute("UPDATE clips SET status = 'SUBMITTING', provider_job_id = NULL WHERE id = ?", clip.id());
            worker.bean(SubmitClipStage.class).run(submit);
            assertThat(worker.jobsWithId(JobIds.of(clip.id(), "poll-1"))).isEqualTo(1);
        }
        assertThat(worker.blobFiles("local-video")).as("one render per clip at the provider").isEqualTo(2);

        // Polling twice: each clip copied once, the assembly enqueued once.
        for (ClipRow clip : clips) {
            PollClip poll = new PollClip(tenantId, projectId, clip.id(), 1, Instant.now());
            worker.bean(PollClipStage.class).run(poll);
            worker.bean(PollClipStage.class).run(poll);
            assertThat(clip(clip.id()).status()).isEqualTo(ClipStatus.READY);
        }
        assertThat(worker.blobFiles("tenants/" + tenantId + "/projects/" + projectId + "/clips")).isEqualTo(2);
        assertThat(status()).as("ASSEMBLING once the assembly starts").isEqualTo(ProjectStatus.GENERATING);
        assertThat(worker.jobsWithId(new AssembleProject(tenantId, projectId).jobId())).isEqualTo(1);

        // Assembling twice, the second time as if the move to DONE had been lost.
        AssembleProject assemble = new AssembleProject(tenantId, projectId);
        worker.bean(AssembleProjectStage.class).run(assemble);
        worker.execute("UPDATE projects SET status = 'ASSEMBLING' WHERE id = ?", projectId);
        worker.bean(AssembleProjectStage.class).run(assemble);
        assertThat(status()).isEqualTo(ProjectStatus.DONE);
        assertThat(worker.count("SELECT count(*) FROM renders WHERE project_id = ?", projectId)).isEqualTo(1);
        assertThat(worker.blobFiles("tenants/" + tenantId + "/projects/" + projectId)).as("2 clips, short, thumbnail").isEqualTo(4);
        assertThat(worker.workFiles()).as("scratch space emptied").isZero();

        Path copy = Files.createTempFile("short", ".mp4");
        worker.bean(BlobStore.class).download(BlobKeys.render(tenantId, projectId), copy);
        MediaInfo info = new MediaProbe().probe(copy);
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(1280);
        assertThat(info.durationSeconds()).isBetween(3.8, 4.2);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
        Files.delete(copy);
    }

    private ProjectStatus status() {
        return worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, tenantId).orElseThrow().status();
    }

    private ClipRow clip(UUID id) {
        return worker.bean(ClipRepository.class).findByIdAndTenantId(id, tenantId).orElseThrow();
    }

    private static byte[] goblinPng() throws Exception {
        BufferedImage image = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf2ede4));
        g.fillRect(0, 0, 120, 160);
        g.setColor(new Color(0x4f9a3a));
        g.fillOval(30, 20, 60, 100);
        g.setColor(new Color(0x6a3d8f));
        g.fillRect(40, 110, 40, 50);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
