package app.goblina.worker.narration;

import app.goblina.domain.NarrationStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.failures.HeldBack;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.NarrateScenario;
import app.goblina.money.CostLedger;
import app.goblina.money.PriceTable;
import app.goblina.narration.NarrationRequest;
import app.goblina.narration.Narrator;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.clips.ClipsFanIn;
import app.goblina.worker.limits.Permit;
import app.goblina.worker.limits.ProviderRateLimiter;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.pipeline.ProjectFailures;
import app.goblina.worker.providers.Providers;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One scenario's caption → speech, stored next to the project's clips; then asks the fan-in whether the project
 * can be assembled. The audio's key is fixed per scenario, so a rerun replaces it rather than adding another.
 */
@Singleton
public class NarrateScenarioStage implements JobStage<NarrateScenario> {

    private final ProjectRepository projects;
    private final ScenarioRepository scenarios;
    private final Providers providers;
    private final BlobStore blobs;
    private final CostLedger ledger;
    private final PriceTable prices;
    private final ProviderRateLimiter limiter;
    private final ClipsFanIn fanIn;
    private final ProjectFailures failures;
    private final WorkerConfig config;

    public NarrateScenarioStage(ProjectRepository projects, ScenarioRepository scenarios, Providers providers,
            BlobStore blobs, CostLedger ledger, PriceTable prices, ProviderRateLimiter limiter, ClipsFanIn fanIn,
            ProjectFailures failures, WorkerConfig config) {
        this.projects = projects;
        this.scenarios = scenarios;
        this.providers = providers;
        this.blobs = blobs;
        this.ledger = ledger;
        this.prices = prices;
        this.limiter = limiter;
        this.fanIn = fanIn;
        this.failures = failures;
        this.config = config;
    }

    @Override
    public Class<NarrateScenario> jobType() {
        return NarrateScenario.class;
    }

    @Override
    public void run(NarrateScenario job) throws IOException {
        ProjectRow project = projects.findByIdAndTenantId(job.projectId(), job.tenantId()).orElse(null);
        ScenarioRow scenario = scenarios.findByIdAndTenantId(job.scenarioId(), job.tenantId()).orElse(null);
        if (project == null || scenario == null || project.status() != ProjectStatus.GENERATING
                || NarrationStatus.fromColumn(scenario.narrationStatus()) != NarrationStatus.PENDING) {
            return;
        }
        String ledgerKey = CostLedger.narrationKey(scenario.id());
        try {
            Narrator narrator = providers.narrator(project.narrationProvider());
            Permit permit = limiter.request(narrator.name(), null);
            if (!permit.granted()) {
                throw new HeldBack("narration waits for the " + narrator.name() + " rate limit", permit.retryIn());
            }
            ledger.reserve(new CostLedger.Charge(project.tenantId(), project.id(), null, narrator.name(),
                    String.valueOf(project.narrationVoice()), "narration", BigDecimal.valueOf(scenario.caption().length()),
                    prices.narrationCents(narrator.name(), null, scenario.caption().length()), ledgerKey));
            speak(project, scenario, narrator);
            ledger.settleAsReserved(ledgerKey);
        } catch (TransientFailure failure) {
            if (failure instanceof RateLimited) {
                limiter.tighten(project.narrationProvider(), null);
            }
            ledger.release(ledgerKey);
            throw failure;
        } catch (PermanentFailure failure) {
            NarrationStatus.fromColumn(scenario.narrationStatus()).moveTo(NarrationStatus.FAILED);
            scenarios.markNarrationFailed(scenario.id(), project.tenantId());
            failures.fail(project.tenantId(), project.id(), Stage.NARRATION,
                    "scene " + (scenario.index() + 1) + " narration: " + failure.reason());
            throw failure;
        }
        fanIn.clipFinished(project.tenantId(), project.id());
    }

    private void speak(ProjectRow project, ScenarioRow scenario, Narrator narrator) throws IOException {
        Path dir = Files.createDirectories(Path.of(config.workDir()));
        Path audio = Files.createTempFile(dir, "narration-", ".audio");
        try {
            NarrationRequest request = new NarrationRequest(scenario.id().toString(), scenario.caption(),
                    project.narrationVoice(), "Speak as the character, in a " + project.preset().tone() + " tone.");
            String mediaType = narrator.narrate(request, audio);
            String key = BlobKeys.narration(project.tenantId(), project.id(), scenario.id(), extension(mediaType));
            blobs.put(key, audio, mediaType);
            NarrationStatus.fromColumn(scenario.narrationStatus()).moveTo(NarrationStatus.READY);
            scenarios.markNarrated(scenario.id(), project.tenantId(), key);
        } finally {
            Files.deleteIfExists(audio);
        }
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "audio/wav", "audio/x-wav", "audio/wave" -> "wav";
            case "audio/aac" -> "aac";
            case "audio/ogg", "audio/opus" -> "opus";
            case "audio/flac" -> "flac";
            default -> "mp3";
        };
    }
}
