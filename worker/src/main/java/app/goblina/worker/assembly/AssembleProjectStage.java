package app.goblina.worker.assembly;

import app.goblina.worker.limits.MediaSlots;
import app.goblina.worker.metrics.PipelineMetrics;
import app.goblina.domain.FrameFit;
import app.goblina.domain.MusicTracks;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.SceneTransition;
import app.goblina.domain.Stage;
import app.goblina.failures.PermanentFailure;
import app.goblina.jobs.AssembleProject;
import app.goblina.jobs.CompletionCallbacks;
import app.goblina.jobs.JobIds;
import app.goblina.jobs.PipelineOrder;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.RenderRepository;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.media.AssemblySettings;
import app.goblina.worker.media.CaptionLook;
import app.goblina.worker.media.Fit;
import app.goblina.worker.media.ShortAssembler;
import app.goblina.worker.media.Transition;
import app.goblina.worker.media.ShortAssembler.AssembledShort;
import app.goblina.worker.media.ShortAssembler.AssemblyClip;
import app.goblina.worker.pipeline.JobStage;
import app.goblina.worker.pipeline.ProjectFailures;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Clips → the finished short and its thumbnail. Works in a scratch folder of its own that is removed whatever
 * happens; uploads replace objects under fixed keys (one pair per generation of the project) and the render row is
 * unique per project, so a rerun leaves one video. A regeneration assembles each scene's current clip and switches
 * the render row to its new files in one update, so the previous short is served until then.
 */
@Singleton
public class AssembleProjectStage implements JobStage<AssembleProject> {

    private final ProjectRepository projects;
    private final ScenarioRepository scenarios;
    private final ClipRepository clips;
    private final RenderRepository renders;
    private final BlobStore blobs;
    private final ShortAssembler assembler;
    private final MediaSlots slots;
    private final ProjectFailures failures;
    private final CaptionFont font;
    private final WorkerConfig config;

    private final PipelineMetrics metrics;
    private final CompletionCallbacks callbacks;

    public AssembleProjectStage(ProjectRepository projects, ScenarioRepository scenarios, ClipRepository clips,
            RenderRepository renders, BlobStore blobs, ShortAssembler assembler, MediaSlots slots,
            ProjectFailures failures, CaptionFont font, WorkerConfig config, PipelineMetrics metrics,
            CompletionCallbacks callbacks) {
        this.metrics = metrics;
        this.callbacks = callbacks;
        this.projects = projects;
        this.scenarios = scenarios;
        this.clips = clips;
        this.renders = renders;
        this.blobs = blobs;
        this.assembler = assembler;
        this.slots = slots;
        this.failures = failures;
        this.font = font;
        this.config = config;
    }

    @Override
    public Class<AssembleProject> jobType() {
        return AssembleProject.class;
    }

    @Override
    public void run(AssembleProject job) throws Exception {
        ProjectRow project = projects.findByIdAndTenantId(job.projectId(), job.tenantId()).orElse(null);
        if (project != null && job.generation() != project.generation()) {
            // an assembly of an earlier generation, re-driven late: the current generation has its own job
            return;
        }
        if (project != null && project.status() == ProjectStatus.GENERATING
                && PipelineOrder.readyToAssemble(clips.findByProject(project.id(), project.tenantId()),
                        scenarios.findByProject(project.id(), project.tenantId()))) {
            // the fan-in enqueued this job; the project shows ASSEMBLING from the moment the assembly starts
            projects.transition(project.id(), project.tenantId(), project.status().name(),
                    project.status().moveTo(ProjectStatus.ASSEMBLING).name(), Stage.ASSEMBLY.name());
            project = projects.findByIdAndTenantId(job.projectId(), job.tenantId()).orElse(null);
        }
        if (project == null || project.status() != ProjectStatus.ASSEMBLING) {
            return;
        }
        assembleAndStore(project);
    }

    private void assembleAndStore(ProjectRow project) throws Exception {
        renders.insertIfAbsent(JobIds.of(project.id(), "render"), project.tenantId(), project.id());
        Path scratch = Files.createTempDirectory(Files.createDirectories(Path.of(config.workDir())), "assemble-");
        try {
            AssembledShort result = slots.run(() -> {
                // timed inside the media slot: the wait for one is not assembly time
                long started = System.nanoTime();
                AssembledShort made = assemble(project, scratch);
                metrics.assembled(made.durationSeconds(), java.time.Duration.ofNanos(System.nanoTime() - started));
                return made;
            });
            // a regeneration uploads beside the short being served, which stays the render until the row switches
            String videoKey = BlobKeys.render(project.tenantId(), project.id(), project.generation());
            String thumbnailKey = BlobKeys.thumbnail(project.tenantId(), project.id(), project.generation());
            blobs.put(videoKey, scratch.resolve("short.mp4"), "video/mp4");
            blobs.put(thumbnailKey, scratch.resolve("thumbnail.jpg"), "image/jpeg");
            renders.markReady(project.id(), project.tenantId(), videoKey, thumbnailKey, result.durationSeconds(),
                    result.width(), result.height());
            projects.transition(project.id(), project.tenantId(), project.status().name(),
                    project.status().moveTo(ProjectStatus.DONE).name(), Stage.ASSEMBLY.name());
            callbacks.projectEnded(project.tenantId(), project.id());
        } catch (PermanentFailure failure) {
            failures.fail(project.tenantId(), project.id(), Stage.ASSEMBLY, failure.reason());
            throw failure;
        } finally {
            deleteRecursively(scratch);
        }
    }

    private AssembledShort assemble(ProjectRow project, Path scratch) throws IOException {
        Map<UUID, ScenarioRow> scenarioById = scenarios.findByProject(project.id(), project.tenantId()).stream()
                .collect(Collectors.toMap(ScenarioRow::id, Function.identity()));
        List<AssemblyClip> inputs = new ArrayList<>();
        List<ClipRow> ordered = clips.findByProject(project.id(), project.tenantId());
        for (ClipRow clip : ordered) {
            ScenarioRow scenario = scenarioById.get(clip.scenarioId());
            Path local = scratch.resolve("clip-" + inputs.size() + ".mp4");
            blobs.download(clip.blobKey(), local);
            Path narration = null;
            if (scenario.narrationKey() != null) {
                String key = scenario.narrationKey();
                narration = scratch.resolve("narration-" + inputs.size() + key.substring(key.lastIndexOf('.')));
                blobs.download(key, narration);
            }
            inputs.add(new AssemblyClip(local, scenario.caption(), narration));
        }
        Path work = Files.createDirectories(scratch.resolve("work"));
        Path music = null;
        if (MusicTracks.SOFT_PAD.equals(project.music())) {
            music = scratch.resolve("music.wav");
            SoftPadTrack.write(music, project.scenarioCount() * project.clipSeconds() + 1.0);
        }
        AssemblySettings settings = AssemblySettings.builder(work)
                .music(music)
                .size(project.width(), project.height())
                .fps(project.fps())
                .burnCaptions(project.burnCaptions())
                .wordHighlight(project.burnCaptions() && project.wordHighlight())
                .normalizeLoudness(project.normalizeLoudness())
                .fit(project.fit() == FrameFit.LETTERBOX ? Fit.LETTERBOX : Fit.CROP)
                .transition(project.transition() == SceneTransition.CUT ? Transition.cut() : Transition.crossfade())
                .captionLook(CaptionLook.defaults().withFontFile(font.path()))
                .build();
        return assembler.assemble(inputs, settings, scratch.resolve("short.mp4"), scratch.resolve("thumbnail.jpg"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
