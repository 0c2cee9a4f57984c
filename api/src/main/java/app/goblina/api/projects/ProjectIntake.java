package app.goblina.api.projects;

import app.goblina.api.problems.ApiException;
import app.goblina.api.problems.Ids;
import app.goblina.domain.CharacterStatus;
import app.goblina.domain.FieldError;
import app.goblina.domain.Preset;
import app.goblina.domain.ProjectRules;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.VideoFormat;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.WriteScenarios;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accepts a new project. All checks come before the insert. A project whose character is still being analysed
 * waits QUEUED; the analysis enqueues its scenario writing when it finishes. To close the race where the
 * analysis finishes between our read and our insert, the character is read again after the insert: both sides
 * may then enqueue, and the deterministic job id keeps it to one job.
 */
@Singleton
public class ProjectIntake {

    private final CharacterRepository characters;
    private final ProjectRepository projects;
    private final JobQueue jobs;

    public ProjectIntake(CharacterRepository characters, ProjectRepository projects, JobQueue jobs) {
        this.characters = characters;
        this.projects = projects;
        this.jobs = jobs;
    }

    public ProjectRow accept(UUID tenantId, CreateProjectRequest request) {
        List<FieldError> errors = new ArrayList<>(ProjectRules.check(request.topic(), request.preset(),
                request.scenarioCount(), request.clipSeconds(), request.format()));
        if (request.characterId() == null) {
            errors.add(0, new FieldError("characterId", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        UUID characterId = Ids.parse("characterId", request.characterId());
        CharacterRow character = characters.findByIdAndTenantId(characterId, tenantId)
                .orElseThrow(() -> ApiException.notFound("characterId", "character"));
        if (character.status() == CharacterStatus.FAILED) {
            throw ApiException.invalid("characterId", "this character's analysis failed: " + character.failureReason());
        }
        VideoFormat format = request.format() == null ? VideoFormat.VERTICAL_1080 : VideoFormat.fromWire(request.format()).orElseThrow();
        ProjectRow row = projects.save(new ProjectRow(UUID.randomUUID(), tenantId, characterId, request.topic().strip(),
                Preset.fromWire(request.preset()).orElseThrow(),
                request.scenarioCount() == null ? ProjectRules.DEFAULT_SCENARIOS : request.scenarioCount(),
                request.clipSeconds() == null ? ProjectRules.DEFAULT_CLIP_SECONDS : request.clipSeconds(),
                format.width(), format.height(), VideoFormat.FPS,
                request.captions() == null || request.captions(),
                ProjectStatus.QUEUED, ProjectStatus.QUEUED.stage(), null, null, null));
        boolean characterReady = characters.findByIdAndTenantId(characterId, tenantId)
                .map(c -> c.status() == CharacterStatus.READY).orElse(false);
        if (characterReady) {
            jobs.enqueue(new WriteScenarios(tenantId, row.id()));
        }
        return row;
    }
}
