package app.goblina.worker.scenarios;

import app.goblina.domain.CharacterStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.ScenarioDraft;
import app.goblina.domain.Stage;
import app.goblina.failures.PermanentFailure;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineJob;
import app.goblina.jobs.PipelineOrder;
import app.goblina.money.CostLedger;
import app.goblina.jobs.WriteScenarios;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.StyleGuideJson;
import app.goblina.scenarios.ScenarioBrief;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.worker.cache.PaidResultCache;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.pipeline.ProjectFailures;
import app.goblina.worker.providers.Providers;
import app.goblina.worker.spending.Cached;
import app.goblina.worker.spending.PaidCall;
import app.goblina.worker.spending.Spend;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Topic + preset + style guide → N scenarios, then one SubmitClip per scenario, and one NarrateScenario per
 * scenario when the project asked for narration (fan-out). Each step checks where
 * the project is, so a rerun after a crash at any point finishes the work without repeating it.
 */
@Singleton
public class WriteScenariosStage implements JobStage<WriteScenarios> {

    private final ProjectRepository projects;
    private final CharacterRepository characters;
    private final ClipRepository clips;
    private final ScenarioStore store;
    private final Providers providers;
    private final JobQueue jobs;
    private final ProjectFailures failures;
    private final PaidCall paid;
    private final ScenarioRepository scenarios;

    public WriteScenariosStage(ProjectRepository projects, CharacterRepository characters, ClipRepository clips,
            ScenarioStore store, Providers providers, JobQueue jobs, ProjectFailures failures, PaidCall paid,
            ScenarioRepository scenarios) {
        this.scenarios = scenarios;
        this.paid = paid;
        this.projects = projects;
        this.characters = characters;
        this.clips = clips;
        this.store = store;
        this.providers = providers;
        this.jobs = jobs;
        this.failures = failures;
    }

    @Override
    public Class<WriteScenarios> jobType() {
        return WriteScenarios.class;
    }

    @Override
    public void run(WriteScenarios job) {
        ProjectRow project = projects.findByIdAndTenantId(job.projectId(), job.tenantId()).orElse(null);
        if (project == null) {
            return;
        }
        if (project.status() == ProjectStatus.QUEUED) {
            projects.transition(project.id(), project.tenantId(), project.status().name(),
                    project.status().moveTo(ProjectStatus.WRITING).name(), Stage.SCENARIOS.name());
            project = reload(project);
        }
        if (project.status() == ProjectStatus.WRITING) {
            write(project);
            project = reload(project);
        }
        if (project.status() == ProjectStatus.GENERATING) {
            // fan-out: one submission per clip, one narration per scenario that needs one
            CharacterStatus characterStatus = characters.findByIdAndTenantId(project.characterId(), project.tenantId())
                    .map(CharacterRow::status).orElse(CharacterStatus.READY);
            for (PipelineJob next : PipelineOrder.forProject(project, characterStatus,
                    clips.findByProject(project.id(), project.tenantId()),
                    scenarios.findByProject(project.id(), project.tenantId()))) {
                jobs.enqueue(next);
            }
        }
    }

    private void write(ProjectRow project) {
        CharacterRow character = characters.findByIdAndTenantId(project.characterId(), project.tenantId())
                .orElseThrow(() -> new IllegalStateException("Project " + project.id() + " has no character"));
        ScenarioBrief brief = new ScenarioBrief(character.name(), StyleGuideJson.read(character.styleGuideJson()),
                project.topic(), project.preset(), project.scenarioCount(), project.clipSeconds(), project.llmModel());
        try {
            store.save(project, drafts(project, brief));
        } catch (PermanentFailure failure) {
            failures.fail(project.tenantId(), project.id(), Stage.SCENARIOS, failure.reason());
            throw failure;
        }
    }

    /**
     * From the cache when this tenant already paid for the same brief with the same model; else paid for once.
     * A set of the wrong size is a failed call: it is neither paid for nor cached.
     */
    private List<ScenarioDraft> drafts(ProjectRow project, ScenarioBrief brief) {
        ScenarioWriter writer = providers.writer(project.llmProvider());
        String model = project.llmModel() != null ? project.llmModel() : writer.defaultModel();
        Spend spend = Spend.scenarios(project.tenantId(), project.id(), writer.name(), model,
                CostLedger.writingKey(project.id()));
        Cached<List<ScenarioDraft>> cached = new Cached<>(
                PaidResultCache.scenariosKey(project.tenantId(), writer.name(), model, DraftsJson.brief(brief)),
                DraftsJson::write, json -> ofTheAskedSize(DraftsJson.read(json), project));
        return paid.call(spend, cached, () -> ofTheAskedSize(writer.write(brief), project));
    }

    /** A set of the wrong size fails for good, whether the writer just returned it or an older cache holds it. */
    private static List<ScenarioDraft> ofTheAskedSize(List<ScenarioDraft> drafts, ProjectRow project) {
        if (drafts.size() != project.scenarioCount()) {
            throw new PermanentFailure("the writer returned " + drafts.size() + " scenarios instead of "
                    + project.scenarioCount());
        }
        return drafts;
    }

    private ProjectRow reload(ProjectRow project) {
        return projects.findByIdAndTenantId(project.id(), project.tenantId()).orElseThrow();
    }
}
