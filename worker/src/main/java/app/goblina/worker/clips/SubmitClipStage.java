package app.goblina.worker.clips;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.clips.VideoGenerator;
import app.goblina.domain.ClipStatus;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.JobQueue;
import app.goblina.money.CostLedger;
import app.goblina.money.PriceTable;
import app.goblina.jobs.PollClip;
import app.goblina.jobs.SubmitClip;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.worker.limits.Permit;
import app.goblina.worker.limits.ProviderRateLimiter;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.providers.Providers;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Starts one clip's generation. Submit-once: the intent (SUBMITTING) is committed before the paid call and the
 * provider's id (RUNNING) right after it. A rerun finds RUNNING and only makes sure the poll is scheduled; a
 * rerun that finds SUBMITTING asks the provider for a generation started since the intent and adopts it; where
 * the provider cannot say, the clip fails as ambiguous, shown to the user, rather than paying twice.
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
    private final CostLedger ledger;
    private final PriceTable prices;
    private final ProviderRateLimiter limiter;

    public SubmitClipStage(ClipRepository clips, ProjectRepository projects, ClipRequests requests, Providers providers,
            ClipFailures failures, JobQueue jobs, Clock clock, CostLedger ledger, PriceTable prices, ProviderRateLimiter limiter) {
        this.limiter = limiter;
        this.ledger = ledger;
        this.prices = prices;
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
        boolean intentRecordedNow = false;
        if (clip.status() == ClipStatus.PENDING) {
            if (heldBack(job, clip)) {
                return;
            }
            intentRecordedNow = clips.recordSubmitIntent(clip.id(), clip.tenantId()) == 1;
            clip = reload(clip);
        }
        Optional<ClipJob> submitted = Optional.empty();
        if (clip.status() == ClipStatus.SUBMITTING) {
            submitted = submitOnce(job, project, clip, intentRecordedNow);
            clip = reload(clip);
        }
        if (clip.status() == ClipStatus.RUNNING) {
            int attempt = clip.polls() + 1;
            Instant at = clock.instant().plus(PollSchedule.delayBefore(attempt,
                    submitted.flatMap(ClipJob::suggestedPollDelay)));
            jobs.schedule(new PollClip(clip.tenantId(), clip.projectId(), clip.id(), attempt, at), at);
        }
    }

    /**
     * Pays at most once. When the intent was recorded by an earlier run, that run may have reached the provider
     * before dying (or timing out), so the provider is asked first; only a clear "not found" allows a new create.
     */
    private Optional<ClipJob> submitOnce(SubmitClip job, ProjectRow project, ClipRow clip, boolean intentRecordedNow) {
        VideoGenerator generator = providers.video(clip.provider());
        ClipRequest request = requests.build(project, clip);
        try {
            if (!intentRecordedNow) {
                EarlierSubmission earlier = generator.findEarlier(request, clip.submitIntentAt());
                switch (earlier.outcome()) {
                    case FOUND -> {
                        clips.recordSubmitted(clip.id(), clip.tenantId(), earlier.job().providerJobId());
                        return Optional.of(earlier.job());
                    }
                    case AMBIGUOUS, UNSUPPORTED -> {
                        String reason = "a paid generation may already have started at " + generator.name()
                                + " before a crash or timeout (" + earlier.detail() + "); not resubmitted, to avoid paying twice";
                        clips.markAmbiguous(clip.id(), clip.tenantId(), reason);
                        failures.failProject(clip, reason);
                        throw new PermanentFailure(reason);
                    }
                    case NOT_FOUND -> {
                        // nothing was created: submitting is safe, once the limits allow
                        if (heldBack(job, clip)) {
                            return Optional.empty();
                        }
                    }
                }
            }
            ledger.reserve(new CostLedger.Charge(clip.tenantId(), clip.projectId(), clip.id(), clip.provider(),
                    clip.model(), "video", BigDecimal.valueOf(request.seconds()),
                    prices.videoCents(clip.provider(), request.model(), request.seconds()), CostLedger.clipKey(clip.id())));
            ClipJob providerJob = generator.submit(request);
            clips.recordSubmitted(clip.id(), clip.tenantId(), providerJob.providerJobId());
            return Optional.of(providerJob);
        } catch (RateLimited limited) {
            limiter.tighten(clip.provider(), clip.model());
            ledger.release(CostLedger.clipKey(clip.id()));
            throw limited;
        } catch (TransientFailure failure) {
            ledger.release(CostLedger.clipKey(clip.id()));
            throw failure;
        } catch (PermanentFailure failure) {
            failures.fail(clip, failure.reason());
            throw failure;
        }
    }

    /**
     * Over the provider's limits (shared by all workers), the submission comes back later as the next round, a
     * new job; this one ends, so no thread waits.
     */
    private boolean heldBack(SubmitClip job, ClipRow clip) {
        Permit permit = limiter.generation(clip.provider(), clip.model(), clip.id().toString());
        if (permit.granted()) {
            return false;
        }
        Instant at = clock.instant().plus(permit.retryIn());
        jobs.schedule(new SubmitClip(job.tenantId(), job.projectId(), job.clipId(), job.round() + 1), at);
        return true;
    }

    private ClipRow reload(ClipRow clip) {
        return clips.findByIdAndTenantId(clip.id(), clip.tenantId()).orElseThrow();
    }
}
