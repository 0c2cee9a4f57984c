package app.goblina.api.projects;

import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import app.goblina.domain.IllegalTransitionException;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.ScenarioDraft;
import app.goblina.domain.TextRules;
import app.goblina.jobs.JobIds;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineOrder;
import app.goblina.money.PriceTable;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import app.goblina.domain.CharacterStatus;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Re-renders one scene of a finished short (ADR 10): a new clip row for the scene at its next generation, a new
 * line and narration when the caption changes, and the project back to GENERATING at its next generation, so the
 * workers generate that clip alone and assemble the short again. The old short stays the project's render until the
 * new one is ready.
 *
 * <p>Every check comes first; the writes run in {@link BudgetAdmission}'s transaction, after the tenant's budget has
 * admitted one clip's estimate (and one narration's, when the line changes and the project is narrated). The
 * project moves only from DONE at the generation that was read, so two regenerations at once admit one and the
 * other answers 409, and a refusal leaves everything as it was.
 */
@Singleton
public class SceneRegeneration {

    private final ProjectRepository projects;
    private final ScenarioRepository scenarios;
    private final ClipRepository clips;
    private final CharacterRepository characters;
    private final PriceTable prices;
    private final BudgetAdmission budget;
    private final JobQueue jobs;

    public SceneRegeneration(ProjectRepository projects, ScenarioRepository scenarios, ClipRepository clips,
            CharacterRepository characters, PriceTable prices, BudgetAdmission budget, JobQueue jobs) {
        this.projects = projects;
        this.scenarios = scenarios;
        this.clips = clips;
        this.characters = characters;
        this.prices = prices;
        this.budget = budget;
        this.jobs = jobs;
    }

    /** Starts the regeneration of scene {@code index}; answers the project as it is now. */
    public ProjectRow regenerate(ProjectRow project, int index, RegenerateSceneRequest request) {
        String caption = caption(request);
        ScenarioRow scenario = scenarios.findByProject(project.id(), project.tenantId()).stream()
                .filter(s -> s.index() == index).findFirst()
                .orElseThrow(() -> ApiException.notFound("index", "scenario"));
        try {
            project.status().regenerate();
        } catch (IllegalTransitionException notFinished) {
            throw notDone(project.status());
        }
        ClipRow current = clips.findByProject(project.id(), project.tenantId()).stream()
                .filter(c -> c.scenarioId().equals(scenario.id())).findFirst()
                .orElseThrow(() -> notDone(project.status()));
        boolean newLine = caption != null && !caption.equals(scenario.caption());
        long estimate = prices.videoCents(current.provider(), project.videoModel(), scenario.seconds());
        if (newLine && project.narrationProvider() != null) {
            estimate += prices.narrationCents(project.narrationProvider(), null, caption.length());
        }
        long extraCents = estimate;
        int generation = current.generation() + 1;
        budget.admit(project.tenantId(), estimate, () -> {
            if (projects.regenerate(project.id(), project.tenantId(), project.generation(), extraCents) == 0) {
                throw notDone(projects.findByIdAndTenantId(project.id(), project.tenantId())
                        .map(ProjectRow::status).orElse(project.status()));
            }
            if (newLine && scenarios.rewriteLine(scenario.id(), project.tenantId(), scenario.generation(), caption) == 0) {
                throw notDone(ProjectStatus.GENERATING);
            }
            if (clips.insertGeneration(JobIds.of(scenario.id(), "clip/" + generation), project.tenantId(), project.id(),
                    scenario.id(), current.provider(), current.model(), generation) == 0) {
                throw notDone(ProjectStatus.GENERATING);
            }
            return project;
        });
        ProjectRow now = projects.findByIdAndTenantId(project.id(), project.tenantId()).orElseThrow();
        CharacterStatus characterStatus = characters.findByIdAndTenantId(now.characterId(), now.tenantId())
                .map(CharacterRow::status).orElse(CharacterStatus.READY);
        PipelineOrder.forProject(now, characterStatus, clips.findByProject(now.id(), now.tenantId()),
                scenarios.findByProject(now.id(), now.tenantId())).forEach(jobs::enqueue);
        return now;
    }

    /** The new line, stripped, or null to keep the scene's; refused as a written scene's line would be. */
    private static String caption(RegenerateSceneRequest request) {
        if (request == null || request.caption() == null) {
            return null;
        }
        String stripped = request.caption().strip();
        Optional<String> problem = TextRules.problem(stripped, ScenarioDraft.MAX_CAPTION);
        if (problem.isPresent()) {
            throw ApiException.invalid("caption", problem.get());
        }
        return stripped;
    }

    private static ApiException notDone(ProjectStatus status) {
        return new ApiException(HttpStatus.CONFLICT, "Project not finished", List.of(new FieldError("id",
                "the project is " + status + "; a scene can be regenerated once the project is DONE and no other "
                        + "regeneration is under way")));
    }
}
