package app.goblina.worker.failedjobs;

import app.goblina.domain.CharacterStatus;
import app.goblina.domain.ClipStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.AnalyzeCharacter;
import app.goblina.jobs.AssembleProject;
import app.goblina.jobs.CancelProject;
import app.goblina.jobs.NarrateScenario;
import app.goblina.jobs.NotifyCallback;
import app.goblina.jobs.PipelineJob;
import app.goblina.jobs.PollClip;
import app.goblina.jobs.SubmitClip;
import app.goblina.jobs.WriteScenarios;
import app.goblina.money.CostLedger;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectCallbackRepository;
import app.goblina.persistence.ProjectCancellationRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.worker.clips.ClipFailures;
import app.goblina.worker.pipeline.ProjectFailures;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to our records when a job will not run again (a permanent failure, or its retries used up): the
 * record it works for moves to FAILED with the stage and a reason the user can read, and what it reserved is
 * released. The same place for every stage, called by the job server's filter when JobRunr gives up, and by the
 * sweeper when it finds a failed job whose record was left running (the filter could not write, e.g. the database
 * was down). Idempotent: every update is conditional on the record still running.
 */
@Singleton
public class JobsFailedForGood {

    private static final Logger LOG = LoggerFactory.getLogger(JobsFailedForGood.class);

    private final CharacterRepository characters;
    private final ProjectRepository projects;
    private final ClipRepository clips;
    private final ScenarioRepository scenarios;
    private final ProjectCancellationRepository cancellations;
    private final ProjectCallbackRepository callbacks;
    private final ProjectFailures projectFailures;
    private final ClipFailures clipFailures;
    private final CostLedger ledger;

    public JobsFailedForGood(CharacterRepository characters, ProjectRepository projects, ClipRepository clips,
            ScenarioRepository scenarios, ProjectCancellationRepository cancellations, ProjectCallbackRepository callbacks,
            ProjectFailures projectFailures, ClipFailures clipFailures, CostLedger ledger) {
        this.callbacks = callbacks;
        this.characters = characters;
        this.projects = projects;
        this.clips = clips;
        this.scenarios = scenarios;
        this.cancellations = cancellations;
        this.projectFailures = projectFailures;
        this.clipFailures = clipFailures;
        this.ledger = ledger;
    }

    /** Records that {@code job} failed for good, for the reason given (already worded for the user). */
    public void record(PipelineJob job, String reason) {
        LOG.info("{} failed for good: {}", job.displayName(), reason);
        switch (job) {
            case AnalyzeCharacter analyze -> analysisFailed(analyze, reason);
            case WriteScenarios write -> {
                ledger.release(CostLedger.writingKey(write.projectId()));
                projectFailures.fail(write.tenantId(), write.projectId(), Stage.SCENARIOS, reason);
            }
            case SubmitClip submit -> clip(submit.tenantId(), submit.clipId())
                    // a submission that failed after the provider's id was saved leaves a running generation,
                    // which the poll chain (or the sweeper) follows: only a clip still waiting to submit fails
                    .filter(c -> c.status() == ClipStatus.PENDING || c.status() == ClipStatus.SUBMITTING)
                    .ifPresent(c -> clipFailures.fail(c, reason));
            case PollClip poll -> clip(poll.tenantId(), poll.clipId())
                    // the webhook's poll (attempt 0) is an extra; only the chain's current poll speaks for the clip
                    .filter(c -> poll.attempt() > 0 && c.status() == ClipStatus.RUNNING && c.polls() < poll.attempt())
                    .ifPresent(c -> clipFailures.fail(c, reason));
            case NarrateScenario narrate -> {
                scenarios.markNarrationFailed(narrate.scenarioId(), narrate.tenantId());
                projectFailures.fail(narrate.tenantId(), narrate.projectId(), Stage.NARRATION, "narration: " + reason);
            }
            case AssembleProject assemble ->
                    projectFailures.fail(assemble.tenantId(), assemble.projectId(), Stage.ASSEMBLY, reason);
            case CancelProject cancel -> {
                ledger.releaseProject(cancel.tenantId(), cancel.projectId());
                cancellations.markCarriedOut(cancel.projectId(), cancel.tenantId(),
                        "reservations released; the providers could not be reached: " + reason);
            }
            // the callback is given up; its project ended already and stays as it is
            case NotifyCallback notify -> callbacks.markFailed(notify.projectId(), notify.tenantId(), reason);
            default -> LOG.warn("No record to fail for {}", job.displayName());
        }
    }

    private void analysisFailed(AnalyzeCharacter job, String reason) {
        boolean analyzing = characters.findByIdAndTenantId(job.characterId(), job.tenantId())
                .map(c -> c.status().canMoveTo(CharacterStatus.FAILED)).orElse(false);
        if (analyzing) {
            ledger.release(CostLedger.analysisKey(job.characterId()));
            characters.markFailed(job.characterId(), job.tenantId(), reason);
        }
        for (ProjectRow project : projects.findQueuedForCharacter(job.tenantId(), job.characterId())) {
            projectFailures.fail(job.tenantId(), project.id(), Stage.ANALYSIS, "character analysis failed: " + reason);
        }
    }

    private java.util.Optional<ClipRow> clip(java.util.UUID tenantId, java.util.UUID clipId) {
        return clips.findByIdAndTenantId(clipId, tenantId);
    }
}
