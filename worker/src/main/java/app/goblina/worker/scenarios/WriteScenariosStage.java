package app.goblina.worker.scenarios;

import app.goblina.domain.CharacterStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.ScenarioDraft;
import app.goblina.domain.Stage;
import app.goblina.failures.HeldBack;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineJob;
import app.goblina.jobs.PipelineOrder;
import app.goblina.money.CostLedger;
import app.goblina.money.PriceTable;
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
import app.goblina.worker.limits.Permit;
import app.goblina.worker.limits.ProviderRateLimiter;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.pipeline.ProjectFailures;
import app.goblina.worker.providers.Providers;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

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
    private final CostLedger ledger;
    private final PriceTable prices;
    private final PaidResultCache cache;
    private final ProviderRateLimiter limiter;
    private final ScenarioRepository scenarios;

    public WriteScenariosStage(ProjectRepository projects, CharacterRepository characters, ClipRepository clips,
            ScenarioStore store, Providers providers, JobQueue jobs, ProjectFailures failures, CostLedger ledger,
            PriceTable prices, PaidResultCache cache, ProviderRateLimiter limiter, ScenarioRepository scenarios) {
        this.scenarios = scenarios;
        this.cache = cache;
        this.limiter = limiter;
        this.ledger = ledger;
        this.prices = prices;
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
        String ledgerKey = CostLedger.writingKey(project.id());
        try {
            List<ScenarioDraft> drafts = drafts(project, brief, ledgerKey);
            if (drafts.size() != project.scenarioCount()) {
                throw new PermanentFailure("the writer returned " + drafts.size() + " scenarios instead of "
                        + project.scenarioCount());
            }
            store.save(project, drafts);
        } catch (PermanentFailure failure) {
            ledger.release(ledgerKey);
            failures.fail(project.tenantId(), project.id(), Stage.SCENARIOS, failure.reason());
            throw failure;
        }
    }

    /** From the cache when this tenant already paid for the same brief with the same model; else paid for once. */
    private List<ScenarioDraft> drafts(ProjectRow project, ScenarioBrief brief, String ledgerKey) {
        ScenarioWriter writer = providers.writer(project.llmProvider());
        String model = project.llmModel() != null ? project.llmModel() : writer.defaultModel();
        String cacheKey = PaidResultCache.scenariosKey(project.tenantId(), writer.name(), model, DraftsJson.brief(brief));
        Optional<String> cached = cache.get(cacheKey);
        if (cached.isPresent()) {
            return DraftsJson.read(cached.get());
        }
        Permit permit = limiter.request(writer.name(), model);
        if (!permit.granted()) {
            throw new HeldBack("scenario writing waits for the " + writer.name() + " rate limit", permit.retryIn());
        }
        ledger.reserve(new CostLedger.Charge(project.tenantId(), project.id(), null, writer.name(), model, "scenarios",
                BigDecimal.ONE, prices.llmCents(writer.name(), model), ledgerKey));
        try {
            List<ScenarioDraft> drafts = writer.write(brief);
            ledger.settleAsReserved(ledgerKey);
            cache.put(cacheKey, DraftsJson.write(drafts));
            return drafts;
        } catch (RateLimited limited) {
            limiter.tighten(writer.name(), model);
            ledger.release(ledgerKey);
            throw limited;
        } catch (TransientFailure failure) {
            ledger.release(ledgerKey);
            throw failure;
        }
    }

    private ProjectRow reload(ProjectRow project) {
        return projects.findByIdAndTenantId(project.id(), project.tenantId()).orElseThrow();
    }
}
