package app.goblina.worker.pipeline;

import app.goblina.domain.FrameFit;
import app.goblina.domain.Preset;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.SceneTransition;
import app.goblina.domain.Stage;
import app.goblina.persistence.ProjectRow;
import java.util.UUID;

/**
 * A project row for tests, with the defaults of a small local project (one two-second 720x1280 scene, local video
 * and writer, no narration, queued for its scenarios); a test names only what it is about.
 */
public final class ProjectRows {

    private final UUID tenantId;
    private final UUID characterId;
    private UUID id = UUID.randomUUID();
    private String topic = "tea time";
    private Preset preset = Preset.WHOLESOME;
    private int scenes = 1;
    private int clipSeconds = 2;
    private int width = 720;
    private int height = 1280;
    private boolean captions;
    private ProjectStatus status = ProjectStatus.QUEUED;
    private Stage stage = Stage.SCENARIOS;
    private String videoProvider = "local";
    private String videoModel;
    private String llmProvider = "local";
    private String llmModel;
    private String narrationProvider;
    private String narrationVoice;
    private long estimateCents;
    private String music;
    private boolean normalizeLoudness = true;

    private ProjectRows(UUID tenantId, UUID characterId) {
        this.tenantId = tenantId;
        this.characterId = characterId;
    }

    public static ProjectRows project(UUID tenantId, UUID characterId) {
        return new ProjectRows(tenantId, characterId);
    }

    public ProjectRows id(UUID id) {
        this.id = id;
        return this;
    }

    public ProjectRows topic(String topic) {
        this.topic = topic;
        return this;
    }

    public ProjectRows preset(Preset preset) {
        this.preset = preset;
        return this;
    }

    public ProjectRows scenes(int scenes, int clipSeconds) {
        this.scenes = scenes;
        this.clipSeconds = clipSeconds;
        return this;
    }

    public ProjectRows size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    public ProjectRows captions() {
        this.captions = true;
        return this;
    }

    public ProjectRows at(ProjectStatus status, Stage stage) {
        this.status = status;
        this.stage = stage;
        return this;
    }

    public ProjectRows video(String provider, String model) {
        this.videoProvider = provider;
        this.videoModel = model;
        return this;
    }

    public ProjectRows writer(String provider, String model) {
        this.llmProvider = provider;
        this.llmModel = model;
        return this;
    }

    public ProjectRows narration(String provider, String voice) {
        this.narrationProvider = provider;
        this.narrationVoice = voice;
        return this;
    }

    public ProjectRows estimateCents(long cents) {
        this.estimateCents = cents;
        return this;
    }

    public ProjectRows music(String track) {
        this.music = track;
        return this;
    }

    /** Keeps the clips' sound levels instead of normalizing the short's loudness. */
    public ProjectRows keepClipLoudness() {
        this.normalizeLoudness = false;
        return this;
    }

    public ProjectRow build() {
        return new ProjectRow(id, tenantId, characterId, topic, preset, scenes, clipSeconds, width, height, 30, captions,
                status, stage, null, videoProvider, videoModel, null, llmProvider, llmModel, narrationProvider,
                narrationVoice, estimateCents, FrameFit.CROP, SceneTransition.CUT, false, music, normalizeLoudness, 0,
                null, null);
    }
}
