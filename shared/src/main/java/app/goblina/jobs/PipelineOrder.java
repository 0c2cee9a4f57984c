package app.goblina.jobs;

import app.goblina.domain.CharacterStatus;
import app.goblina.domain.ClipStatus;
import app.goblina.domain.NarrationStatus;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectCallbackRow;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that says which job comes next for a record in a given status. The API's intake, every stage that
 * hands work on and the sweeper that re-drives stalled work all ask here, so the pipeline's order cannot drift
 * between them:
 *
 * <pre>
 * character ANALYZING                       → AnalyzeCharacter
 * project   QUEUED (character READY)        → WriteScenarios      (character ANALYZING: its analysis moves it on)
 * project   WRITING                         → WriteScenarios
 * project   GENERATING                      → SubmitClip per PENDING/SUBMITTING clip, PollClip per RUNNING clip,
 *                                             NarrateScenario per PENDING narration;
 *                                             every clip READY and no narration PENDING → AssembleProject
 * project   ASSEMBLING                      → AssembleProject
 * cancelled project, cancel not carried out → CancelProject
 * project   DONE, FAILED or CANCELLED with a callback WAITING or SENDING → NotifyCallback
 * project   DONE, one scene regenerated   → back to GENERATING (the regeneration's own transaction), then as above
 *                                             with each scene's highest clip generation
 * </pre>
 *
 * Every job has a deterministic id, so asking twice and enqueueing both answers starts nothing twice.
 */
public final class PipelineOrder {

    private PipelineOrder() {
    }

    public static Optional<PipelineJob> forCharacter(CharacterRow character) {
        return character.status() == CharacterStatus.ANALYZING
                ? Optional.of(new AnalyzeCharacter(character.tenantId(), character.id()))
                : Optional.empty();
    }

    /**
     * The jobs that should be live for {@code project}.
     *
     * @param characterStatus the status of the project's character
     * @param clips           the project's current clips, from {@code ClipRepository.findByProject} (empty before its
     *                        scenarios are written)
     * @param scenarios       the project's scenarios (empty before they are written)
     */
    public static List<PipelineJob> forProject(ProjectRow project, CharacterStatus characterStatus, List<ClipRow> clips,
            List<ScenarioRow> scenarios) {
        return switch (project.status()) {
            case QUEUED -> characterStatus == CharacterStatus.READY
                    ? List.of(new WriteScenarios(project.tenantId(), project.id()))
                    : List.of();
            case WRITING -> List.of(new WriteScenarios(project.tenantId(), project.id()));
            case GENERATING -> generating(project, clips, scenarios);
            case ASSEMBLING -> List.of(new AssembleProject(project.tenantId(), project.id(), project.generation()));
            case DONE, FAILED, CANCELLED -> List.of();
        };
    }

    /** The job that moves one clip on, or empty once it is finished. */
    public static Optional<PipelineJob> forClip(ClipRow clip) {
        return switch (clip.status()) {
            case PENDING, SUBMITTING -> Optional.of(new SubmitClip(clip.tenantId(), clip.projectId(), clip.id()));
            // the poll chain: poll number polls + 1 is the one that should exist
            case RUNNING -> Optional.of(new PollClip(clip.tenantId(), clip.projectId(), clip.id(), clip.polls() + 1, null));
            case READY, FAILED, CANCELLED -> Optional.empty();
        };
    }

    /** The job that speaks one scenario's narration, or empty when it needs none or has it. */
    public static Optional<PipelineJob> forNarration(ScenarioRow scenario) {
        return NarrationStatus.fromColumn(scenario.narrationStatus()) == NarrationStatus.PENDING
                ? Optional.of(new NarrateScenario(scenario.tenantId(), scenario.projectId(), scenario.id(), scenario.generation()))
                : Optional.empty();
    }

    /**
     * Fan-in: every scene's current clip READY and every narration asked for done. {@code clips} are the
     * current clips as {@link app.goblina.persistence.ClipRepository#findByProject} answers them (each scene's
     * highest generation), so a regenerated scene's earlier clips never reach this check.
     */
    public static boolean readyToAssemble(List<ClipRow> clips, List<ScenarioRow> scenarios) {
        return !clips.isEmpty()
                && clips.stream().allMatch(c -> c.status() == ClipStatus.READY)
                && scenarios.stream().noneMatch(s -> NarrationStatus.fromColumn(s.narrationStatus()) == NarrationStatus.PENDING);
    }

    /** The callback job a project owes: once it has ended, until its callback is delivered or given up. */
    public static Optional<PipelineJob> forCallback(ProjectRow project, ProjectCallbackRow callback) {
        return project.status().isTerminal() && !callback.state().isSettled()
                ? Optional.of(new NotifyCallback(project.tenantId(), project.id()))
                : Optional.empty();
    }

    public static PipelineJob cancel(ProjectRow project) {
        return new CancelProject(project.tenantId(), project.id());
    }

    private static List<PipelineJob> generating(ProjectRow project, List<ClipRow> clips, List<ScenarioRow> scenarios) {
        if (readyToAssemble(clips, scenarios)) {
            return List.of(new AssembleProject(project.tenantId(), project.id(), project.generation()));
        }
        List<PipelineJob> next = new ArrayList<>();
        clips.forEach(clip -> forClip(clip).ifPresent(next::add));
        scenarios.forEach(scenario -> forNarration(scenario).ifPresent(next::add));
        return next;
    }
}
