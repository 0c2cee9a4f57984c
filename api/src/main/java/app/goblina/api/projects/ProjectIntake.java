package app.goblina.api.projects;

import app.goblina.api.problems.ApiException;
import app.goblina.api.problems.Ids;
import app.goblina.domain.CharacterStatus;
import app.goblina.domain.FieldError;
import app.goblina.domain.FrameFit;
import app.goblina.domain.MusicTracks;
import app.goblina.domain.SceneTransition;
import app.goblina.domain.Preset;
import app.goblina.domain.ProjectRules;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.VideoFormat;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineOrder;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.money.PriceTable;
import app.goblina.money.ProjectEstimate;
import app.goblina.persistence.ProjectCallbackRepository;
import app.goblina.providers.ProviderDefaults;
import app.goblina.webhooks.CallbackUrlPolicy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accepts a new project. All checks come before the insert. A project whose character is still being analysed
 * waits QUEUED; the analysis enqueues its scenario writing when it finishes. To close the race where the
 * analysis finishes between our read and our insert, the character is read again after the insert: both sides
 * may then enqueue, and the deterministic job id keeps it to one job. A {@code callbackUrl} is checked with the
 * others and written in the project's own transaction, so a project never ends without its callback on record.
 */
@Singleton
public class ProjectIntake {

    private final CharacterRepository characters;
    private final ProjectRepository projects;
    private final JobQueue jobs;
    private final ProviderDefaults defaults;
    private final PriceTable prices;
    private final BudgetAdmission budget;
    private final OfferedProviders offered;
    private final CallbackUrlPolicy callbackPolicy;
    private final ProjectCallbackRepository callbacks;

    public ProjectIntake(CharacterRepository characters, ProjectRepository projects, JobQueue jobs,
            ProviderDefaults defaults, PriceTable prices, BudgetAdmission budget, OfferedProviders offered,
            CallbackUrlPolicy callbackPolicy, ProjectCallbackRepository callbacks) {
        this.callbackPolicy = callbackPolicy;
        this.callbacks = callbacks;
        this.characters = characters;
        this.projects = projects;
        this.jobs = jobs;
        this.defaults = defaults;
        this.prices = prices;
        this.budget = budget;
        this.offered = offered;
    }

    public ProjectRow accept(UUID tenantId, CreateProjectRequest request) {
        List<FieldError> errors = new ArrayList<>(ProjectRules.check(request.topic(), request.preset(),
                request.scenarioCount(), request.clipSeconds(), request.format(), request.fit(), request.transition()));
        if (request.characterId() == null) {
            errors.add(0, new FieldError("characterId", "is required"));
        }
        ProviderChoices choices = ProviderChoices.resolve(request, defaults, offered.catalog(), errors);
        if (request.music() != null && !MusicTracks.NAMES.contains(request.music())) {
            errors.add(new FieldError("music", "unknown track '" + request.music() + "'; one of " + String.join(", ", MusicTracks.NAMES)));
        }
        Integer videoSeconds = request.video() == null ? null : request.video().seconds();
        if (videoSeconds != null && request.clipSeconds() != null && !videoSeconds.equals(request.clipSeconds())) {
            errors.add(new FieldError("video.seconds", "differs from clipSeconds; give one of them"));
        }
        if (request.callbackUrl() != null) {
            callbackPolicy.refusal(request.callbackUrl()).ifPresent(reason -> errors.add(new FieldError("callbackUrl", reason)));
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
        int clipSeconds = videoSeconds != null ? videoSeconds
                : request.clipSeconds() != null ? request.clipSeconds() : ProjectRules.DEFAULT_CLIP_SECONDS;
        int scenarioCount = request.scenarioCount() == null ? ProjectRules.DEFAULT_SCENARIOS : request.scenarioCount();
        long estimate = ProjectEstimate.cents(prices, choices.llmProvider(), choices.llmModel(), choices.videoProvider(),
                choices.videoModel(), scenarioCount, clipSeconds, choices.narrationProvider());
        VideoFormat format = request.format() == null ? VideoFormat.VERTICAL_1080 : VideoFormat.fromWire(request.format()).orElseThrow();
        ProjectRow row = budget.admit(tenantId, estimate, () -> withCallback(request, projects.save(new ProjectRow(UUID.randomUUID(), tenantId, characterId, request.topic().strip(),
                Preset.fromWire(request.preset()).orElseThrow(), scenarioCount, clipSeconds,
                format.width(), format.height(), VideoFormat.FPS,
                request.captions() == null || request.captions(),
                ProjectStatus.QUEUED, ProjectStatus.QUEUED.stage(), null,
                choices.videoProvider(), choices.videoModel(), choices.videoSize(), choices.llmProvider(),
                choices.llmModel(), choices.narrationProvider(), choices.narrationVoice(), estimate,
                request.fit() == null ? FrameFit.CROP : FrameFit.fromWire(request.fit()).orElseThrow(),
                request.transition() == null ? SceneTransition.CROSSFADE : SceneTransition.fromWire(request.transition()).orElseThrow(),
                Boolean.TRUE.equals(request.wordHighlight()), music(request),
                request.normalizeLoudness() == null || request.normalizeLoudness(), 0, null, null))));
        CharacterStatus characterNow = characters.findByIdAndTenantId(characterId, tenantId)
                .map(CharacterRow::status).orElse(CharacterStatus.ANALYZING);
        PipelineOrder.forProject(row, characterNow, List.of(), List.of()).forEach(jobs::enqueue);
        return row;
    }

    /** Writes the project's callback next to it, in the admission's transaction. */
    private ProjectRow withCallback(CreateProjectRequest request, ProjectRow project) {
        if (request.callbackUrl() != null) {
            callbacks.insertIfAbsent(project.id(), project.tenantId(), request.callbackUrl());
        }
        return project;
    }

    /** The track asked for, else the configured default; null for none. */
    private String music(CreateProjectRequest request) {
        if (request.music() == null) {
            return defaults.musicTrack();
        }
        return "none".equals(request.music()) ? null : request.music();
    }
}
