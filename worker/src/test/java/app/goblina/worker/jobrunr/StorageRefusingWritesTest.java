package app.goblina.worker.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.domain.ProjectStatus;
import app.goblina.domain.StyleGuide;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.SubmitClip;
import app.goblina.jobs.WriteScenarios;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.StyleGuideJson;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.testkit.S3Server;
import app.goblina.testkit.S3WriteGate;
import app.goblina.testkit.TestS3;
import app.goblina.worker.pipeline.ProjectRows;
import app.goblina.worker.pipeline.WorkerTestContext;
import app.goblina.worker.providers.VideoContractMedia;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A short made end to end by JobRunr's own background job server with the local providers, its blobs in an S3
 * bucket behind a gate that answers every upload with S3's {@code 503 SlowDown} for a while: the failed uploads are
 * JobRunr retries of our stages, not failures of the project, and once the bucket takes writes again the short is
 * finished with every object stored exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageRefusingWritesTest {

    private static final Logger LOG = LoggerFactory.getLogger(StorageRefusingWritesTest.class);
    private static final int SCENES = 2;

    private S3WriteGate gate;
    private String bucket;
    private S3Client bucketBehindTheGate;
    private WorkerTestContext worker;
    private UUID characterId;
    private String characterKey;

    @BeforeAll
    void start() throws Exception {
        S3Server s3 = TestS3.server();
        bucket = TestS3.newBucket();
        gate = S3WriteGate.inFrontOf(s3.endpoint());
        bucketBehindTheGate = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .forcePathStyle(true)
                .build();
        worker = new WorkerTestContext(Map.ofEntries(
                Map.entry("goblina.storage.kind", "s3"),
                Map.entry("goblina.storage.endpoint", gate.endpoint().toString()),
                Map.entry("goblina.storage.region", s3.region()),
                Map.entry("goblina.storage.bucket", bucket),
                Map.entry("goblina.storage.access-key", s3.accessKey()),
                Map.entry("goblina.storage.secret-key", s3.secretKey()),
                Map.entry("goblina.storage.path-style", true),
                Map.entry("goblina.worker.run-server", true),
                Map.entry("goblina.worker.threads", 4),
                // only JobRunr's retries bring the work back here, not the sweeper
                Map.entry("goblina.worker.sweep-after", "1h"),
                Map.entry("goblina.retries.first-wait", "500ms")));
        // the character's image is in the bucket before the bucket refuses anything
        characterId = UUID.randomUUID();
        characterKey = BlobKeys.characterImage(worker.tenantId, characterId, "png");
        worker.bean(BlobStore.class).put(characterKey, VideoContractMedia.characterPng(), "image/png");
        worker.bean(CharacterRepository.class).save(CharacterRow.analyzing(characterId, worker.tenantId, "Ms. Goblina",
                characterKey, "image/png", "sha", 64, 96));
        worker.bean(CharacterRepository.class).markReady(characterId, worker.tenantId,
                StyleGuideJson.write(new StyleGuide("green goblin", "3D cartoon", VideoContractMedia.PALETTE, List.of("sassy"))), "local");
    }

    @AfterAll
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (bucketBehindTheGate != null) {
            bucketBehindTheGate.close();
        }
        if (gate != null) {
            gate.close();
        }
    }

    @Test
    void uploadsRefusedWithSlowDownForAWhileAreRetriedAndTheShortIsFinishedWithEveryObjectStoredOnce() throws Exception {
        // given a bucket that answers every PUT and POST with 503 SlowDown
        gate.refuseWrites();
        long refusingSince = System.nanoTime();

        // when a project is queued
        UUID projectId = newProject();
        worker.bean(JobQueue.class).enqueue(new WriteScenarios(worker.tenantId, projectId));

        // then every clip's submission fails on its upload and is scheduled again by the retry filter, and a retry
        // that comes while the bucket still refuses fails and is scheduled again in turn
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<ClipRow> clips = clips(projectId);
            return clips.size() == SCENES && clips.stream().allMatch(clip -> failedThenScheduled(submission(clip)))
                    && clips.stream().anyMatch(clip -> failures(submission(clip)) >= 2);
        });
        LOG.info("Every submission failed and was scheduled again after {} ms; the gate refused {} writes",
                millisSince(refusingSince), gate.refused());
        for (ClipRow clip : clips(projectId)) {
            Job submission = submission(clip);
            FailedState failure = submission.getJobStates().stream().filter(FailedState.class::isInstance)
                    .map(FailedState.class::cast).findFirst().orElseThrow();
            assertThat(failure.getExceptionMessage()).as("what made the submission fail")
                    .contains("S3 put of").contains("Please reduce your request rate.").contains("Status Code: 503");
            assertThat(submission.getState()).as("a retried submission is not failed for good").isNotEqualTo(StateName.FAILED);
        }
        // and the project waits for its clips instead of failing, while reads still work
        assertThat(project(projectId).status()).isEqualTo(ProjectStatus.GENERATING);
        assertThat(gate.refused()).isGreaterThanOrEqualTo(SCENES);
        try (InputStream image = worker.bean(BlobStore.class).open(characterKey).orElseThrow()) {
            assertThat(image.readAllBytes()).isEqualTo(VideoContractMedia.characterPng());
        }

        // when the bucket takes writes again
        gate.acceptWrites();
        int refusedInAll = gate.refused();
        long acceptingSince = System.nanoTime();

        // then the short is made
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> project(projectId).status(), status -> status == ProjectStatus.DONE || status.isTerminal());
        ProjectRow done = project(projectId);
        assertThat(done.status()).as(String.valueOf(done.failureReason())).isEqualTo(ProjectStatus.DONE);
        LOG.info("The project was DONE {} ms after writes were accepted again", millisSince(acceptingSince));
        assertThat(gate.refused()).isEqualTo(refusedInAll);

        // and the bucket holds each object once: the image, a render per scene at the local provider, the project's
        // clip per scene, one short and one thumbnail
        List<ClipRow> clips = clips(projectId);
        assertThat(clips).hasSize(SCENES);
        String project = "tenants/" + worker.tenantId + "/projects/" + projectId + "/";
        List<String> expected = new ArrayList<>(List.of(characterKey,
                BlobKeys.render(worker.tenantId, projectId), BlobKeys.thumbnail(worker.tenantId, projectId)));
        clips.forEach(clip -> expected.add(BlobKeys.clip(worker.tenantId, projectId, clip.id())));
        List<S3Object> objects = objects();
        assertThat(objects.stream().map(S3Object::key).filter(key -> !key.startsWith("local-video/")))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(objects.stream().map(S3Object::key).filter(key -> key.startsWith("local-video/"))).hasSize(SCENES);
        assertThat(objects).allSatisfy(object -> assertThat(object.size()).as(object.key()).isPositive());
        assertThat(clips).extracting(ClipRow::blobKey).allSatisfy(key -> assertThat(key).startsWith(project + "clips/"));
        assertThat(worker.count("SELECT count(*) FROM renders WHERE project_id = ? AND status = 'READY'", projectId))
                .isEqualTo(1);
        assertThat(worker.count("SELECT count(*) FROM renders WHERE project_id = ?", projectId)).isEqualTo(1);
    }

    private static boolean failedThenScheduled(Job job) {
        if (job == null) {
            return false;
        }
        List<StateName> states = job.getJobStates().stream().map(JobState::getName).toList();
        int failed = states.indexOf(StateName.FAILED);
        return failed >= 0 && states.subList(failed, states.size()).contains(StateName.SCHEDULED);
    }

    private static long failures(Job job) {
        return job.getJobStates().stream().filter(FailedState.class::isInstance).count();
    }

    private Job submission(ClipRow clip) {
        UUID id = new SubmitClip(clip.tenantId(), clip.projectId(), clip.id()).jobId();
        return worker.jobsWithId(id) == 0 ? null : worker.bean(StorageProvider.class).getJobById(id);
    }

    private List<ClipRow> clips(UUID projectId) {
        return worker.bean(ClipRepository.class).findByProject(projectId, worker.tenantId);
    }

    private ProjectRow project(UUID projectId) {
        return worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, worker.tenantId).orElseThrow();
    }

    /** Everything in the bucket, listed on the server itself rather than through the gate. */
    private List<S3Object> objects() {
        return bucketBehindTheGate.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream().toList();
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    private UUID newProject() {
        UUID projectId = UUID.randomUUID();
        worker.bean(ProjectRepository.class).save(ProjectRows.project(worker.tenantId, characterId)
                .id(projectId).topic("tidy caves").scenes(SCENES, 2).build());
        return projectId;
    }
}
