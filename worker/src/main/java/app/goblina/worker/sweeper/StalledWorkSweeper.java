package app.goblina.worker.sweeper;

import app.goblina.domain.CharacterStatus;
import app.goblina.domain.ClipStatus;
import app.goblina.domain.NarrationStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.PipelineOrder;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectCallbackRepository;
import app.goblina.persistence.ProjectCallbackRow;
import app.goblina.persistence.ProjectCancellationRepository;
import app.goblina.persistence.ProjectCancellationRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.pipeline.ProjectFailures;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pipeline's promise that no record waits forever: every record in a running state has a live job, or
 * gets one here within {@code GOBLINA_WORKER_SWEEP_AFTER}. Records untouched that long are looked at; the jobs
 * they need come from {@link PipelineOrder} (the same order the stages follow) and {@link JobRedrive} makes each
 * one live, whatever state its job is in. Covers: characters ANALYZING; projects QUEUED (with a READY character;
 * a FAILED character fails them), WRITING, GENERATING (each clip's and narration's job, or the assembly) and
 * ASSEMBLING; a GENERATING project with a failed clip or narration (failed now); running clips of a failed project
 * (paid, so still finished); cancels not yet carried out; callbacks owed by projects that ended (their job never
 * enqueued, or lost); generation slots left taken in Redis ({@link LeakedSlots}).
 */
@Singleton
public class StalledWorkSweeper implements JobRequestHandler<ResumeStalledWork> {

    private static final Logger LOG = LoggerFactory.getLogger(StalledWorkSweeper.class);

    /** Records handled per kind and sweep; the next sweep takes the rest. */
    static final int BATCH = 200;

    private final CharacterRepository characters;
    private final ProjectRepository projects;
    private final ClipRepository clips;
    private final ScenarioRepository scenarios;
    private final ProjectCancellationRepository cancellations;
    private final ProjectCallbackRepository callbacks;
    private final ProjectFailures projectFailures;
    private final JobRedrive redrive;
    private final LeakedSlots leakedSlots;
    private final WorkerConfig config;

    public StalledWorkSweeper(CharacterRepository characters, ProjectRepository projects, ClipRepository clips,
            ScenarioRepository scenarios, ProjectCancellationRepository cancellations, ProjectCallbackRepository callbacks,
            ProjectFailures projectFailures, JobRedrive redrive, LeakedSlots leakedSlots, WorkerConfig config) {
        this.callbacks = callbacks;
        this.leakedSlots = leakedSlots;
        this.characters = characters;
        this.projects = projects;
        this.clips = clips;
        this.scenarios = scenarios;
        this.cancellations = cancellations;
        this.projectFailures = projectFailures;
        this.redrive = redrive;
        this.config = config;
    }

    @Override
    public void run(ResumeStalledWork sweep) {
        long idle = config.sweepAfter().toSeconds();
        Map<JobRedrive.Outcome, Integer> outcomes = new EnumMap<>(JobRedrive.Outcome.class);
        for (CharacterRow character : characters.findIdleAnalyzing(idle, BATCH)) {
            each("character", character.id(), () -> PipelineOrder.forCharacter(character)
                    .ifPresent(job -> count(outcomes, redrive.ensureLive(job))));
        }
        for (ProjectRow project : projects.findIdleRunning(idle, BATCH)) {
            each("project", project.id(), () -> resume(project, outcomes));
        }
        for (ClipRow clip : clips.findIdleUnfinished(idle, BATCH)) {
            each("clip", clip.id(), () -> resumeKeptClip(clip, outcomes));
        }
        for (ProjectCancellationRow cancellation : cancellations.findPending(idle, BATCH)) {
            each("cancel of project", cancellation.projectId(), () -> projects
                    .findByIdAndTenantId(cancellation.projectId(), cancellation.tenantId())
                    .ifPresent(project -> count(outcomes, redrive.ensureLive(PipelineOrder.cancel(project)))));
        }
        for (ProjectCallbackRow callback : callbacks.findOwedIdle(idle, BATCH)) {
            each("callback of project", callback.projectId(), () -> projects
                    .findByIdAndTenantId(callback.projectId(), callback.tenantId())
                    .flatMap(project -> PipelineOrder.forCallback(project, callback))
                    .ifPresent(job -> count(outcomes, redrive.ensureLive(job))));
        }
        outcomes.remove(JobRedrive.Outcome.LIVE);
        if (!outcomes.isEmpty()) {
            LOG.info("Sweep re-drove stalled work: {}", outcomes);
        }
        each("generation slots", "in Redis", () -> {
            int freed = leakedSlots.free();
            if (freed > 0) {
                LOG.info("Sweep freed {} generation slot(s) no clip holds any more", freed);
            }
        });
    }

    private void resume(ProjectRow project, Map<JobRedrive.Outcome, Integer> outcomes) {
        Optional<CharacterRow> character = characters.findByIdAndTenantId(project.characterId(), project.tenantId());
        CharacterStatus characterStatus = character.map(CharacterRow::status).orElse(CharacterStatus.FAILED);
        if (project.status() == ProjectStatus.QUEUED && characterStatus == CharacterStatus.FAILED) {
            // the analysis failed and failing its waiting projects did not happen
            projectFailures.fail(project.tenantId(), project.id(), Stage.ANALYSIS, "character analysis failed: "
                    + character.map(CharacterRow::failureReason).orElse("the character is gone"));
            return;
        }
        List<ClipRow> projectClips = clips.findByProject(project.id(), project.tenantId());
        List<ScenarioRow> projectScenarios = scenarios.findByProject(project.id(), project.tenantId());
        if (project.status() == ProjectStatus.GENERATING && failedPart(project, projectClips, projectScenarios)) {
            return;
        }
        for (var job : PipelineOrder.forProject(project, characterStatus, projectClips, projectScenarios)) {
            count(outcomes, redrive.ensureLive(job));
        }
    }

    /**
     * A clip or narration that failed while failing its project did not happen (a crash between the two writes):
     * no job would ever move the project, so it fails now, naming the scene.
     */
    private boolean failedPart(ProjectRow project, List<ClipRow> projectClips, List<ScenarioRow> projectScenarios) {
        Map<java.util.UUID, Integer> sceneOf = new java.util.HashMap<>();
        projectScenarios.forEach(s -> sceneOf.put(s.id(), s.index() + 1));
        for (ClipRow clip : projectClips) {
            if (clip.status() == ClipStatus.FAILED) {
                projectFailures.fail(project.tenantId(), project.id(), Stage.CLIPS, "scene "
                        + sceneOf.getOrDefault(clip.scenarioId(), 0) + ": " + clip.failureReason());
                return true;
            }
        }
        for (ScenarioRow scenario : projectScenarios) {
            if (NarrationStatus.fromColumn(scenario.narrationStatus()) == NarrationStatus.FAILED) {
                projectFailures.fail(project.tenantId(), project.id(), Stage.NARRATION, "scene "
                        + (scenario.index() + 1) + " narration failed");
                return true;
            }
        }
        return false;
    }

    /** A running clip of a failed project is paid for: its poll chain is kept alive so it is stored and settled. */
    private void resumeKeptClip(ClipRow clip, Map<JobRedrive.Outcome, Integer> outcomes) {
        if (clip.status() != ClipStatus.RUNNING) {
            return;
        }
        boolean projectFailed = projects.findByIdAndTenantId(clip.projectId(), clip.tenantId())
                .map(p -> p.status() == ProjectStatus.FAILED).orElse(false);
        if (projectFailed) {
            PipelineOrder.forClip(clip).ifPresent(job -> count(outcomes, redrive.ensureLive(job)));
        }
    }

    private static void count(Map<JobRedrive.Outcome, Integer> outcomes, JobRedrive.Outcome outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    /** One record that cannot be looked at now must not keep the sweep from the others. */
    private static void each(String what, Object id, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("Sweep skipped {} {} this time: {}", what, id, e.toString());
        }
    }
}
