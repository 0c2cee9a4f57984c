package app.goblina.worker.clips;

import app.goblina.clips.ClipJob;
import app.goblina.clips.VideoGenerator;
import app.goblina.domain.ClipStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PollClip;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.limits.Permit;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.providers.Providers;
import app.goblina.worker.spending.PaidCall;
import app.goblina.worker.spending.Spend;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the provider once. Not done: schedules the next attempt (a new job, never a sleeping thread). Done: copies
 * the file into our storage at once (provider links expire within the hour), marks the clip READY and asks the
 * fan-in whether the project can be assembled. Failed: fails the clip and its project with the provider's reason.
 * The webhook's poll (attempt 0) only acts on a finished generation; the scheduled chain keeps the backoff. A
 * provider error on the status call fails this job transiently, and JobRunr retries the same poll.
 */
@Singleton
public class PollClipStage implements JobStage<PollClip> {

    private static final Logger LOG = LoggerFactory.getLogger(PollClipStage.class);

    private final ClipRepository clips;
    private final ProjectRepository projects;
    private final Providers providers;
    private final BlobStore blobs;
    private final ClipFailures failures;
    private final ClipsFanIn fanIn;
    private final JobQueue jobs;
    private final WorkerConfig config;
    private final Clock clock;
    private final PaidCall paid;

    public PollClipStage(ClipRepository clips, ProjectRepository projects, Providers providers,
            BlobStore blobs, ClipFailures failures, ClipsFanIn fanIn, JobQueue jobs, WorkerConfig config, Clock clock,
            PaidCall paid) {
        this.paid = paid;
        this.clips = clips;
        this.projects = projects;
        this.providers = providers;
        this.blobs = blobs;
        this.failures = failures;
        this.fanIn = fanIn;
        this.jobs = jobs;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Class<PollClip> jobType() {
        return PollClip.class;
    }

    @Override
    public void run(PollClip job) throws IOException {
        ClipRow clip = clips.findByIdAndTenantId(job.clipId(), job.tenantId()).orElse(null);
        ProjectRow project = projects.findByIdAndTenantId(job.projectId(), job.tenantId()).orElse(null);
        if (clip == null || project == null || !keepsPolling(project.status())) {
            return;
        }
        if (clip.status() == ClipStatus.READY) {
            // a rerun after a crash between storing the clip and freeing its slot: free it now, or the shared
            // generation limit stays taken until its lease runs out
            paid.freeSlot(ClipSpend.held(clip));
            fanIn.clipFinished(clip.tenantId(), clip.projectId());
            return;
        }
        boolean webhookPoll = job.attempt() == 0;
        if (clip.status() != ClipStatus.RUNNING || (!webhookPoll && clip.polls() >= job.attempt())) {
            return;
        }
        if (Duration.between(clip.createdAt(), clock.instant()).compareTo(config.clipDeadline()) > 0) {
            failures.fail(clip, "the video provider did not finish within " + config.clipDeadline().toMinutes() + " minutes");
            return;
        }
        VideoGenerator generator = providers.video(clip.provider());
        Spend spend = ClipSpend.held(clip);
        Permit permit = paid.requestPermit(spend);
        if (!permit.granted()) {
            if (!webhookPoll) {
                scheduleNext(clip, job.attempt(), new ClipJob(clip.providerJobId(), ClipJob.State.RUNNING, clip.progress(),
                        null, permit.retryIn()));
            }
            return;
        }
        try {
            ClipJob status = paid.free(spend, () -> generator.status(clip.providerJobId()));
            switch (status.state()) {
                case SUCCEEDED -> copyAndFinish(clip, generator, status, spend);
                case FAILED -> failures.fail(clip, status.failureReason() == null ? "the video provider failed" : status.failureReason());
                case QUEUED, RUNNING -> {
                    if (!webhookPoll) {
                        scheduleNext(clip, job.attempt(), status);
                    }
                }
            }
        } catch (TransientFailure providerTrouble) {
            // A poll that could not reach the provider is a poll that learned nothing: the chain asks again at
            // its own pace (or at the provider's Retry-After), bounded by the clip's deadline, instead of
            // failing the job into JobRunr's growing backoff. Errors on our side (database, storage) still fail
            // the job and are retried by JobRunr.
            if (webhookPoll) {
                return;
            }
            LOG.info("Poll {} of clip {} could not reach {}: {}; asking again later", job.attempt(), clip.id(),
                    clip.provider(), providerTrouble.getMessage());
            scheduleNext(clip, job.attempt(), new ClipJob(clip.providerJobId(), ClipJob.State.RUNNING, clip.progress(),
                    null, providerTrouble.retryAfter().orElse(null)));
        }
    }

    /**
     * A failed project's running generations are already paid for: they are still polled, stored and settled, so
     * its other scenes are kept. A cancelled or finished project stops here.
     */
    private static boolean keepsPolling(ProjectStatus status) {
        return !status.isTerminal() || status == ProjectStatus.FAILED;
    }

    private void copyAndFinish(ClipRow clip, VideoGenerator generator, ClipJob finished, Spend spend) throws IOException {
        Path dir = Files.createDirectories(Path.of(config.workDir()));
        Path file = Files.createTempFile(dir, "clip-" + clip.id(), ".mp4");
        try {
            generator.download(finished, file); // a TransientFailure here: the next poll downloads again
            String key = BlobKeys.clip(clip.tenantId(), clip.projectId(), clip.id());
            blobs.put(key, file, "video/mp4");
            clip.status().moveTo(ClipStatus.READY);
            clips.markReady(clip.id(), clip.tenantId(), key);
            paid.delivered(spend);
        } finally {
            Files.deleteIfExists(file);
        }
        fanIn.clipFinished(clip.tenantId(), clip.projectId());
    }

    private void scheduleNext(ClipRow clip, int attempt, ClipJob status) {
        if (clips.recordPoll(clip.id(), clip.tenantId(), attempt, status.progress()) == 0) {
            return;
        }
        int next = attempt + 1;
        Instant at = clock.instant().plus(PollSchedule.delayBefore(next, status.suggestedPollDelay()));
        jobs.schedule(new PollClip(clip.tenantId(), clip.projectId(), clip.id(), next, at), at);
    }
}
