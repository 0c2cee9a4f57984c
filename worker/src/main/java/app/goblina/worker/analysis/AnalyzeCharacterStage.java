package app.goblina.worker.analysis;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.analysis.CharacterImage;
import app.goblina.domain.CharacterStatus;
import app.goblina.domain.Stage;
import app.goblina.domain.StyleGuide;
import app.goblina.failures.PermanentFailure;
import app.goblina.jobs.AnalyzeCharacter;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineOrder;
import app.goblina.money.CostLedger;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.StyleGuideJson;
import app.goblina.storage.BlobStore;
import app.goblina.worker.cache.PaidResultCache;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.pipeline.ProjectFailures;
import app.goblina.worker.providers.Providers;
import app.goblina.worker.spending.Cached;
import app.goblina.worker.spending.PaidCall;
import app.goblina.worker.spending.Spend;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * Image → style guide, from the cache when this tenant already analysed the same image with the same model.
 * Then starts the scenario writing of every project that was waiting for this character.
 * The character is marked READY before the waiting projects are looked up, so a project created meanwhile is
 * seen either here or by the API's re-read (see ProjectIntake); both enqueue the same job id.
 */
@Singleton
public class AnalyzeCharacterStage implements JobStage<AnalyzeCharacter> {

    private final CharacterRepository characters;
    private final ProjectRepository projects;
    private final BlobStore blobs;
    private final Providers providers;
    private final JobQueue jobs;
    private final ProjectFailures failures;
    private final PaidCall paid;

    public AnalyzeCharacterStage(CharacterRepository characters, ProjectRepository projects, BlobStore blobs,
            Providers providers, JobQueue jobs, ProjectFailures failures, PaidCall paid) {
        this.paid = paid;
        this.characters = characters;
        this.projects = projects;
        this.blobs = blobs;
        this.providers = providers;
        this.jobs = jobs;
        this.failures = failures;
    }

    @Override
    public Class<AnalyzeCharacter> jobType() {
        return AnalyzeCharacter.class;
    }

    @Override
    public void run(AnalyzeCharacter job) throws IOException {
        CharacterRow character = characters.findByIdAndTenantId(job.characterId(), job.tenantId()).orElse(null);
        if (character == null) {
            return;
        }
        if (character.status() == CharacterStatus.ANALYZING) {
            try {
                CharacterAnalyst analyst = providers.analyst();
                String guideJson = styleGuide(character, analyst);
                character.status().moveTo(CharacterStatus.READY);
                characters.markReady(character.id(), job.tenantId(), guideJson, analyst.name());
            } catch (PermanentFailure failure) {
                character.status().moveTo(CharacterStatus.FAILED);
                characters.markFailed(character.id(), job.tenantId(), failure.reason());
                failWaitingProjects(job.tenantId(), character.id(), failure.reason());
                throw failure;
            }
        }
        if (character.status() != CharacterStatus.FAILED) {
            startWaitingProjects(job.tenantId(), character.id());
        }
    }

    /** From the cache when this tenant already paid for this image with this model; else paid for once. */
    private String styleGuide(CharacterRow character, CharacterAnalyst analyst) throws IOException {
        String model = analyst.model();
        Spend spend = Spend.analysis(character.tenantId(), analyst.name(), model, CostLedger.analysisKey(character.id()));
        Cached<String> cached = Cached.text(
                PaidResultCache.analysisKey(character.tenantId(), analyst.name(), model, character.imageSha256()));
        return paid.call(spend, cached, () -> {
            StyleGuide guide = analyst.analyse(character.name(), load(character));
            return StyleGuideJson.write(guide);
        });
    }

    private CharacterImage load(CharacterRow character) throws IOException {
        try (InputStream in = blobs.open(character.imageKey())
                .orElseThrow(() -> new PermanentFailure("the uploaded image is missing from storage"))) {
            return new CharacterImage(in.readAllBytes(), character.imageMediaType(), character.imageWidth(),
                    character.imageHeight(), character.imageSha256());
        }
    }

    private void startWaitingProjects(UUID tenantId, UUID characterId) {
        for (ProjectRow project : projects.findQueuedForCharacter(tenantId, characterId)) {
            PipelineOrder.forProject(project, CharacterStatus.READY, List.of(), List.of()).forEach(jobs::enqueue);
        }
    }

    private void failWaitingProjects(UUID tenantId, UUID characterId, String reason) {
        for (ProjectRow project : projects.findQueuedForCharacter(tenantId, characterId)) {
            failures.fail(tenantId, project.id(), Stage.ANALYSIS, "character analysis failed: " + reason);
        }
    }
}
