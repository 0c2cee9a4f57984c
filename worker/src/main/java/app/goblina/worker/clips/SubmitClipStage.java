package app.goblina.worker.clips;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.clips.VideoGenerator;
import app.goblina.domain.ClipStatus;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PollClip;
import app.goblina.jobs.SubmitClip;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.providers.Providers;
import app.goblina.worker.spending.PaidCall;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Starts one clip's generation. Submit-once: the intent (SUBMITTING) is committed before the paid call and the
 * provider's id (RUNNING) right after it. A rerun finds RUNNING and only makes sure the poll is scheduled.
 *
 * <p>A create that fails tells one of two stories. A <em>refusal</em> (the provider answered 4xx: 400, 401, 403,
 * 429...) means nothing was created: the intent is cleared and the job retries as a fresh submission, with no
 * lookup. An <em>unknown outcome</em> (a timeout, a dropped connection, a 5xx, a crash between intent and id)
 * leaves the intent standing; the rerun asks the provider for a generation started since the intent, skipping
 * those another clip of ours already claimed (identical prompts are normal), and adopts it. Where the provider
 * cannot say, this clip fails as ambiguous, shown to the user, rather than paying twice; its siblings' paid
 * generations still finish and are kept.
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
    private final PaidCall paid;

    public SubmitClipStage(ClipRepository clips, ProjectRepository projects, ClipRequests requests, Providers providers,
            ClipFailures failures, JobQueue jobs, Clock clock, PaidCall paid) {
        this.clips = clips;
        this.projects = projects;
        this.requests = requests;
        this.providers = providers;
        this.failures = failures;
        this.jobs = jobs;
        this.clock = clock;
        this.paid = paid;
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
        VideoGenerator generator;
        try {
            generator = providers.video(clip.provider());
        } catch (PermanentFailure missing) {
            failures.fail(clip, missing.reason());
            throw missing;
        }
        boolean intentRecordedNow = false;
        if (clip.status() == ClipStatus.PENDING) {
            paid.admit(ClipSpend.held(clip));
            clip.status().moveTo(ClipStatus.SUBMITTING);
            intentRecordedNow = clips.recordSubmitIntent(clip.id(), clip.tenantId()) == 1;
            clip = reload(clip);
        }
        Optional<ClipJob> submitted = Optional.empty();
        if (clip.status() == ClipStatus.SUBMITTING) {
            submitted = submitOnce(generator, project, clip, intentRecordedNow);
            clip = reload(clip);
        }
        if (clip.status() == ClipStatus.RUNNING) {
            int attempt = clip.polls() + 1;
            Instant at = clock.instant().plus(PollSchedule.delayBefore(attempt,
                    submitted.flatMap(ClipJob::suggestedPollDelay)));
            jobs.schedule(new PollClip(clip.tenantId(), clip.projectId(), clip.id(), attempt, at), at);
        }
    }

    /** Pays at most once; see the class comment for refused versus unknown creates. */
    private Optional<ClipJob> submitOnce(VideoGenerator generator, ProjectRow project, ClipRow clip,
            boolean intentRecordedNow) {
        ClipRequest request = requests.build(project, clip);
        try {
            if (!intentRecordedNow) {
                // a failure of the lookup itself leaves the intent standing: the outcome is still unknown
                Optional<ClipJob> adopted = adoptEarlier(generator, request, clip);
                if (adopted.isPresent()) {
                    return adopted;
                }
            }
            ClipJob providerJob = create(generator, request, clip);
            clip.status().moveTo(ClipStatus.RUNNING);
            clips.recordSubmitted(clip.id(), clip.tenantId(), providerJob.providerJobId());
            return Optional.of(providerJob);
        } catch (PermanentFailure failure) {
            failures.fail(clip, failure.reason());
            throw failure;
        }
    }

    /**
     * The paid call. A refusal of this call (a 4xx answer) created nothing: the paid-call path gives back the
     * reservation and the slot, the intent is cleared here, and the next attempt is a fresh submission. Any other
     * transient failure leaves the intent, the reservation and the slot: the generation may exist, and will then
     * be adopted.
     */
    private ClipJob create(VideoGenerator generator, ClipRequest request, ClipRow clip) {
        try {
            return paid.pay(ClipSpend.of(clip, request.seconds()), () -> generator.submit(request));
        } catch (TransientFailure failure) {
            if (failure.refusedWithoutEffect()) {
                clip.status().moveTo(ClipStatus.PENDING);
                clips.clearSubmitIntent(clip.id(), clip.tenantId());
            }
            throw failure;
        }
    }

    /**
     * After an unknown outcome, the provider is asked for a generation this clip started. A generation that
     * another clip of ours claimed is not this clip's, even with the same prompt and settings.
     */
    private Optional<ClipJob> adoptEarlier(VideoGenerator generator, ClipRequest request, ClipRow clip) {
        EarlierSubmission earlier = paid.free(ClipSpend.held(clip), () -> generator.findEarlier(request,
                clip.submitIntentAt(), providerJobId -> clips.findByProviderJob(clip.provider(), providerJobId).stream()
                        .anyMatch(other -> !other.id().equals(clip.id()))));
        switch (earlier.outcome()) {
            case FOUND -> {
                clip.status().moveTo(ClipStatus.RUNNING);
                // the unique (provider, provider_job_id) index refuses a claim another clip made meanwhile: the
                // failure is transient and the next attempt looks again
                clips.recordSubmitted(clip.id(), clip.tenantId(), earlier.job().providerJobId());
                return Optional.of(earlier.job());
            }
            case AMBIGUOUS, UNSUPPORTED -> {
                String reason = "a paid generation may already have started at " + generator.name()
                        + " before a crash or timeout (" + earlier.detail() + "); not resubmitted, to avoid paying twice";
                clip.status().moveTo(ClipStatus.FAILED);
                clips.markAmbiguous(clip.id(), clip.tenantId(), reason);
                paid.freeSlot(ClipSpend.held(clip)); // the reservation stays: the generation may have been paid
                failures.failProject(clip, reason);
                throw new PermanentFailure(reason);
            }
            case NOT_FOUND -> {
                // nothing was created: submitting is safe, once the limits allow
                paid.admit(ClipSpend.held(clip));
                return Optional.empty();
            }
            default -> throw new IllegalStateException("unknown outcome " + earlier.outcome());
        }
    }

    private ClipRow reload(ClipRow clip) {
        return clips.findByIdAndTenantId(clip.id(), clip.tenantId()).orElseThrow();
    }
}
