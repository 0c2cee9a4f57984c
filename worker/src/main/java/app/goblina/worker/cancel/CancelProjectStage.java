package app.goblina.worker.cancel;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.CancelProject;
import app.goblina.money.CostLedger;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectCancellationRepository;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.clips.ClipSpend;
import app.goblina.worker.providers.Providers;
import app.goblina.worker.spending.PaidCall;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a cancelled project's generations at their providers (Replicate cancels a running prediction; the Sora
 * contract can only delete finished videos, so a running one cannot be stopped and the provider may still bill
 * it), frees their rate-limit slots and releases every reservation. A provider that cannot be reached makes the job retry; one that refuses is
 * logged and passed over: the project is cancelled either way.
 */
@Singleton
public class CancelProjectStage implements JobStage<CancelProject> {

    private static final Logger LOG = LoggerFactory.getLogger(CancelProjectStage.class);

    private final ClipRepository clips;
    private final Providers providers;
    private final PaidCall paid;
    private final CostLedger ledger;
    private final ProjectCancellationRepository cancellations;

    public CancelProjectStage(ClipRepository clips, Providers providers, PaidCall paid, CostLedger ledger,
            ProjectCancellationRepository cancellations) {
        this.cancellations = cancellations;
        this.clips = clips;
        this.providers = providers;
        this.paid = paid;
        this.ledger = ledger;
    }

    @Override
    public Class<CancelProject> jobType() {
        return CancelProject.class;
    }

    @Override
    public void run(CancelProject job) {
        TransientFailure retry = null;
        for (ClipRow clip : clips.findCancelledAtProvider(job.projectId(), job.tenantId())) {
            try {
                providers.video(clip.provider()).cancel(clip.providerJobId());
                paid.freeSlot(ClipSpend.held(clip));
            } catch (PermanentFailure refused) {
                LOG.info("{} did not cancel {}: {}", clip.provider(), clip.providerJobId(), refused.reason());
            } catch (TransientFailure unreachable) {
                retry = unreachable;
            }
        }
        ledger.releaseProject(job.tenantId(), job.projectId());
        if (retry != null) {
            throw retry;
        }
        cancellations.markCarriedOut(job.projectId(), job.tenantId(), "providers reached, reservations released");
    }
}
