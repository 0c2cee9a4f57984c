package app.goblina.worker.clips;

import app.goblina.clips.ClipJob;
import app.goblina.domain.ClipStatus;
import app.goblina.failures.PermanentFailure;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PollClip;
import app.goblina.jobs.SubmitClip;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.providers.Providers;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Starts one clip's generation. Submit-once: the intent (SUBMITTING) is committed before the paid call and the
 * provider's id (RUNNING) right after it. A rerun finds RUNNING and only makes sure the poll is scheduled; a
 * rerun that finds SUBMITTING submits again with the same idempotency key, which adapters use to find the earlier
 * generation instead of paying twice.
 */
@Singleton
public class SubmitClipStage implements JobStage<SubmitClip> {

    private final ClipRepository clips;
    private final ProjectRepository projects;
    private final ClipRequests requests;
    private final Providers providers;
    private final ClipFailures failures;
    private final JobQueue jobs;
    private final Clock clock;

    public SubmitClipStage(ClipRepository clips, ProjectRepository projects, ClipRequests requests, Providers providers,
            ClipFailures failures, JobQueue jobs, Clock clock) {
        this.clips = clips;
        this.projects = projects;
        this.requests = requests;
        this.providers = providers;
        this.failures = failures;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public Class<SubmitClip> jobType() {
        return SubmitClip.class;
    }

    @Override
    public void run(SubmitClip job) {
        ClipRow clip = clips.findByIdAndTenantId(job.clipId(), job.tenantId()).orElse(null);
        ProjectRow project = projects.findByIdAndTenantId(job.projectId(), job.tenantId()).orElse(null);
        if (clip == null || project == null || project.status().isTerminal()) {
            return;
        }
        if (clip.status() == ClipStatus.PENDING) {
            clips.recordSubmitIntent(clip.id(), clip.tenantId());
            clip = reload(clip);
        }
        Optional<ClipJob> submitted = Optional.empty();
        if (clip.status() == ClipStatus.SUBMITTING) {
            try {
                ClipJob providerJob = providers.video(clip.provider()).submit(requests.build(project, clip));
                clips.recordSubmitted(clip.id(), clip.tenantId(), providerJob.providerJobId());
                submitted = Optional.of(providerJob);
            } catch (PermanentFailure failure) {
                failures.fail(clip, failure.reason());
                throw failure;
            }
            clip = reload(clip);
        }
        if (clip.status() == ClipStatus.RUNNING) {
            int attempt = clip.polls() + 1;
            Instant at = clock.instant().plus(PollSchedule.delayBefore(attempt,
                    submitted.flatMap(ClipJob::suggestedPollDelay)));
            jobs.schedule(new PollClip(clip.tenantId(), clip.projectId(), clip.id(), attempt, at), at);
        }
    }

    private ClipRow reload(ClipRow clip) {
        return clips.findByIdAndTenantId(clip.id(), clip.tenantId()).orElseThrow();
    }
}
