package app.goblina.worker.narration;

import app.goblina.domain.NarrationStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.failures.PermanentFailure;
import app.goblina.jobs.NarrateScenario;
import app.goblina.money.CostLedger;
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
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.pipeline.ProjectFailures;
import app.goblina.worker.providers.Providers;
import app.goblina.worker.spending.PaidCall;
import app.goblina.worker.spending.Spend;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One scenario's caption → speech, stored next to the project's clips; then asks the fan-in whether the project
 * can be assembled. The audio's key is fixed per scenario and line generation, so a rerun replaces it rather than
 * adding another, and a new line's audio does not replace the old one's until it is ready.
 */
@Singleton
public class NarrateScenarioStage implements JobStage<NarrateScenario> {

    private final ProjectRepository projects;
    private final ScenarioRepository scenarios;
    private final Providers providers;
    private final BlobStore blobs;
    private final PaidCall paid;
    private final ClipsFanIn fanIn;
    private final ProjectFailures failures;
    private final WorkerConfig config;

    public NarrateScenarioStage(ProjectRepository projects, ScenarioRepository scenarios, Providers providers,
            BlobStore blobs, PaidCall paid, ClipsFanIn fanIn, ProjectFailures failures, WorkerConfig config) {
        this.projects = projects;
        this.scenarios = scenarios;
        this.providers = providers;
        this.blobs = blobs;
        this.paid = paid;
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
                || job.generation() != scenario.generation()
                || NarrationStatus.fromColumn(scenario.narrationStatus()) != NarrationStatus.PENDING) {
            return;
        }
        try {
            Narrator narrator = providers.narrator(project.narrationProvider());
            Spend spend = Spend.narration(project.tenantId(), project.id(), narrator.name(),
                    String.valueOf(project.narrationVoice()), scenario.caption().length(),
                    CostLedger.narrationKey(scenario.id(), scenario.generation()));
            paid.call(spend, () -> speak(project, scenario, narrator));
        } catch (PermanentFailure failure) {
            NarrationStatus.fromColumn(scenario.narrationStatus()).moveTo(NarrationStatus.FAILED);
            scenarios.markNarrationFailed(scenario.id(), project.tenantId());
            failures.fail(project.tenantId(), project.id(), Stage.NARRATION,
                    "scene " + (scenario.index() + 1) + " narration: " + failure.reason());
            throw failure;
        }
        fanIn.clipFinished(project.tenantId(), project.id());
    }

    /** Answers the stored audio's key. */
    private String speak(ProjectRow project, ScenarioRow scenario, Narrator narrator) throws IOException {
        Path dir = Files.createDirectories(Path.of(config.workDir()));
        Path audio = Files.createTempFile(dir, "narration-", ".audio");
        try {
            NarrationRequest request = new NarrationRequest(narrationId(scenario), scenario.caption(),
                    project.narrationVoice(), "Speak as the character, in a " + project.preset().tone() + " tone.",
                    project.preset());
            String mediaType = narrator.narrate(request, audio);
            String key = BlobKeys.narration(project.tenantId(), project.id(), scenario.id(), scenario.generation(),
                    extension(mediaType));
            blobs.put(key, audio, mediaType);
            NarrationStatus.fromColumn(scenario.narrationStatus()).moveTo(NarrationStatus.READY);
            scenarios.markNarrated(scenario.id(), project.tenantId(), key);
            return key;
        } finally {
            Files.deleteIfExists(audio);
        }
    }

    /** The scenario's id, with its line's generation once it has had a new line. */
    private static String narrationId(ScenarioRow scenario) {
        return scenario.generation() == 0 ? scenario.id().toString() : scenario.id() + "-" + scenario.generation();
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
