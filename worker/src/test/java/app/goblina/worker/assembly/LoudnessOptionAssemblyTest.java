package app.goblina.worker.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.AssembleProject;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.worker.media.LoudnessMeter;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.media.TestMedia;
import app.goblina.worker.pipeline.ProjectRows;
import app.goblina.worker.pipeline.WorkerTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * A project's {@code normalizeLoudness}, through the assembly stage on a real database and blob store: with it off,
 * a cut of clips already in the short's format, without captions, narration or music, becomes the short by copying
 * the clips' compressed pictures and keeps their sound level; with it on, the same clips are re-encoded and their
 * sound brought to -14 LUFS.
 */
@TestInstance(Lifecycle.PER_CLASS)
class LoudnessOptionAssemblyTest {

    private static final int WIDTH = 360;
    private static final int HEIGHT = 640;
    private static final int FPS = 30;
    private static final int CLIP_SECONDS = 2;

    private final LoudnessMeter meter = new LoudnessMeter();
    private WorkerTestContext worker;
    private UUID characterId;
    private Path media;
    private List<Path> clips;

    @BeforeAll
    void start() throws IOException {
        worker = new WorkerTestContext();
        characterId = worker.readyCharacter();
        media = Files.createTempDirectory("loudness-option");
        clips = List.of(
                TestMedia.clip(media.resolve("first.mp4"), WIDTH, HEIGHT, FPS, CLIP_SECONDS, 440, 48_000, 2, 0.05, true),
                TestMedia.clip(media.resolve("second.mp4"), WIDTH, HEIGHT, FPS, CLIP_SECONDS, 660, 48_000, 2, 0.05, true));
    }

    @AfterAll
    void stop() {
        worker.close();
    }

    @Test
    void aProjectWithLoudnessOffMadeOfClipsInTheShortsFormatIsJoinedWithoutReEncoding() throws Exception {
        UUID projectId = assembled(ProjectRows.project(worker.tenantId, characterId).keepClipLoudness());

        Path video = downloadedShort(projectId);
        assertReadBack(video);
        assertThat(sameVideoPackets(TestMedia.videoPackets(video), clipPackets()))
                .as("every video packet copied from the clips").isTrue();
        assertThat(meter.measure(video).integratedLufs()).as("the clips' own level")
                .isCloseTo(meter.measure(clips.get(0)).integratedLufs(), within(0.5))
                .isLessThan(-20);
    }

    @Test
    void theSameProjectWithLoudnessOnIsReEncodedAndNormalized() throws Exception {
        UUID projectId = assembled(ProjectRows.project(worker.tenantId, characterId));

        Path video = downloadedShort(projectId);
        assertReadBack(video);
        assertThat(sameVideoPackets(TestMedia.videoPackets(video), clipPackets()))
                .as("the pictures were encoded again").isFalse();
        assertThat(meter.measure(video).integratedLufs()).isCloseTo(-14, within(1.0));
    }

    /** Stores the project at ASSEMBLING with its two ready clips, and runs the assembly stage on it. */
    private UUID assembled(ProjectRows project) throws Exception {
        UUID projectId = UUID.randomUUID();
        UUID tenantId = worker.tenantId;
        worker.bean(ProjectRepository.class).save(project.id(projectId).scenes(clips.size(), CLIP_SECONDS)
                .size(WIDTH, HEIGHT).at(ProjectStatus.ASSEMBLING, Stage.ASSEMBLY).build());
        for (int index = 0; index < clips.size(); index++) {
            worker.bean(ScenarioRepository.class).insertIfAbsent(UUID.randomUUID(), tenantId, projectId, index,
                    "scene " + index, "sips tea", "a line that is not burned in", "prompt", CLIP_SECONDS);
        }
        List<ScenarioRow> scenarios = worker.bean(ScenarioRepository.class).findByProject(projectId, tenantId);
        for (int index = 0; index < clips.size(); index++) {
            UUID clipId = UUID.randomUUID();
            String key = BlobKeys.clip(tenantId, projectId, clipId);
            worker.bean(BlobStore.class).put(key, clips.get(index), "video/mp4");
            worker.bean(ClipRepository.class).insertIfAbsent(clipId, tenantId, projectId, scenarios.get(index).id(),
                    "local", "local-ffmpeg");
            worker.execute("UPDATE clips SET status = 'READY', progress = 100, blob_key = ? WHERE id = ?", key, clipId);
        }

        worker.bean(AssembleProjectStage.class).run(new AssembleProject(tenantId, projectId));

        assertThat(worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, tenantId).orElseThrow()
                .status()).isEqualTo(ProjectStatus.DONE);
        return projectId;
    }

    private Path downloadedShort(UUID projectId) throws IOException {
        Path copy = media.resolve("short-" + projectId + ".mp4");
        worker.bean(BlobStore.class).download(BlobKeys.render(worker.tenantId, projectId), copy);
        return copy;
    }

    private static void assertReadBack(Path video) throws IOException {
        MediaInfo info = new MediaProbe().probe(video);
        assertThat(info.width()).isEqualTo(WIDTH);
        assertThat(info.height()).isEqualTo(HEIGHT);
        assertThat(info.durationSeconds()).isCloseTo(2.0 * CLIP_SECONDS, within(0.05));
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(TestMedia.frameCount(video)).isEqualTo(2 * CLIP_SECONDS * FPS);
    }

    private List<byte[]> clipPackets() throws IOException {
        List<byte[]> packets = new ArrayList<>();
        for (Path clip : clips) {
            packets.addAll(TestMedia.videoPackets(clip));
        }
        return packets;
    }

    private static boolean sameVideoPackets(List<byte[]> written, List<byte[]> expected) {
        if (written.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!Arrays.equals(written.get(i), expected.get(i))) {
                return false;
            }
        }
        return true;
    }
}
