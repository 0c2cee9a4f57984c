package app.goblina.api.projects;

import app.goblina.api.projects.ProjectView.CallbackAttemptView;
import app.goblina.api.projects.ProjectView.CallbackView;
import app.goblina.api.projects.ProjectView.ClipView;
import app.goblina.api.projects.ProjectView.ErrorView;
import app.goblina.api.projects.ProjectView.ScenarioView;
import app.goblina.api.projects.ProjectView.TimingView;
import app.goblina.api.projects.ProjectView.VideoView;
import app.goblina.domain.CallbackState;
import app.goblina.domain.ClipStatus;
import app.goblina.domain.ProjectProgress;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.RenderStatus;
import app.goblina.money.CostLedger;
import app.goblina.persistence.CallbackAttemptRepository;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.JobRunRepository;
import app.goblina.persistence.JobRunRow;
import app.goblina.persistence.ProjectCallbackRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.RenderRepository;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds a {@link ProjectView} from the project's rows, all read within its tenant. */
@Singleton
public class ProjectViews {

    private final ScenarioRepository scenarios;
    private final ClipRepository clips;
    private final RenderRepository renders;
    private final JobRunRepository jobRuns;
    private final CostLedger ledger;
    private final ProjectCallbackRepository callbacks;
    private final CallbackAttemptRepository callbackAttempts;

    public ProjectViews(ScenarioRepository scenarios, ClipRepository clips, RenderRepository renders,
            JobRunRepository jobRuns, CostLedger ledger, ProjectCallbackRepository callbacks,
            CallbackAttemptRepository callbackAttempts) {
        this.ledger = ledger;
        this.callbacks = callbacks;
        this.callbackAttempts = callbackAttempts;
        this.scenarios = scenarios;
        this.clips = clips;
        this.renders = renders;
        this.jobRuns = jobRuns;
    }

    public ProjectView of(ProjectRow project) {
        UUID tenantId = project.tenantId();
        List<ScenarioRow> scenarioRows = scenarios.findByProject(project.id(), tenantId);
        Map<UUID, ClipRow> clipsByScenario = clips.findByProject(project.id(), tenantId).stream()
                .collect(Collectors.toMap(ClipRow::scenarioId, Function.identity()));
        List<ScenarioView> scenarioViews = scenarioRows.stream().map(s -> {
            ClipRow clip = clipsByScenario.get(s.id());
            ClipView clipView = clip == null ? null : new ClipView(clip.status().name(), clip.progress(), clip.failureReason());
            return new ScenarioView(s.index(), s.title(), s.action(), s.caption(), s.seconds(), clipView, s.narrationStatus());
        }).toList();
        int ready = (int) clipsByScenario.values().stream().filter(c -> c.status() == ClipStatus.READY).count();
        ErrorView error = project.status() == ProjectStatus.FAILED
                ? new ErrorView(project.stage().wireName(), project.failureReason()) : null;
        VideoView video = project.status() != ProjectStatus.DONE ? null
                : renders.findByProject(project.id(), tenantId)
                        .filter(r -> r.status() == RenderStatus.READY)
                        .map(r -> new VideoView(r.durationSeconds(), r.width(), r.height(),
                                "/v1/projects/" + project.id() + "/video", "/v1/projects/" + project.id() + "/thumbnail"))
                        .orElse(null);
        List<TimingView> timings = jobRuns.findForProject(tenantId, project.id(), project.characterId()).stream()
                .map(ProjectViews::timing).toList();
        return new ProjectView(project.id(), project.characterId(), project.topic(), project.preset().wireName(),
                project.scenarioCount(), project.clipSeconds(), project.width() + "x" + project.height(),
                project.fit().wireName(), project.transition().wireName(), project.burnCaptions(), project.normalizeLoudness(),
                project.status().name(), project.stage().wireName(),
                ProjectProgress.of(project.status(), ready, project.scenarioCount()),
                scenarioViews, error, video, timings,
                new ProjectView.ProvidersView(project.videoProvider(), project.videoModel(), project.llmProvider(),
                        project.llmModel(), project.narrationProvider(), project.narrationVoice()),
                new ProjectView.CostView(project.estimateCents(), ledger.spentOnProject(tenantId, project.id())),
                callback(project), project.createdAt(), project.updatedAt());
    }

    private CallbackView callback(ProjectRow project) {
        return callbacks.findByProject(project.id(), project.tenantId()).map(callback -> {
            String state = callback.state() == CallbackState.WAITING
                    ? (project.status().isTerminal() ? "pending" : "waiting")
                    : callback.state().wireName();
            List<CallbackAttemptView> attempts = callbackAttempts.findByProject(project.id(), project.tenantId()).stream()
                    .map(a -> new CallbackAttemptView(a.number(), a.at(), a.httpStatus(), a.error(), a.nextAttemptAt()))
                    .toList();
            return new CallbackView(callback.url(), state, callback.eventType(), callback.webhookId(),
                    callback.nextAttemptAt(), callback.deliveredAt(), callback.failureReason(), attempts);
        }).orElse(null);
    }

    private static TimingView timing(JobRunRow run) {
        Double runSeconds = run.finishedAt() == null ? null : seconds(run.startedAt(), run.finishedAt());
        return new TimingView(run.job(), run.stage(), Math.max(0, seconds(run.readyAt(), run.startedAt())), runSeconds);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
