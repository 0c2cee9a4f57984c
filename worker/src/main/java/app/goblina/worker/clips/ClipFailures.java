package app.goblina.worker.clips;

import app.goblina.domain.Stage;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.worker.pipeline.ProjectFailures;
import app.goblina.worker.spending.PaidCall;
import jakarta.inject.Singleton;

/** A clip that cannot be made fails its project: a short with a missing scene is not a short. */
@Singleton
public class ClipFailures {

    private final ClipRepository clips;
    private final ScenarioRepository scenarios;
    private final ProjectFailures projects;
    private final PaidCall paid;

    public ClipFailures(ClipRepository clips, ScenarioRepository scenarios, ProjectFailures projects, PaidCall paid) {
        this.paid = paid;
        this.clips = clips;
        this.scenarios = scenarios;
        this.projects = projects;
    }

    /**
     * Fails the clip, frees its generation slot and releases its reservation (a generation the provider failed or
     * never made is not charged for), then fails its project. The release is the clip's own: when the project has
     * already failed through another scene, failing the project again releases nothing.
     */
    public void fail(ClipRow clip, String reason) {
        clips.markFailed(clip.id(), clip.tenantId(), reason);
        paid.giveBack(ClipSpend.held(clip));
        failProject(clip, reason);
    }

    /** Fails the clip's project naming the scene, when the clip itself has already been marked. */
    public void failProject(ClipRow clip, String reason) {
        int scene = scenarios.findByIdAndTenantId(clip.scenarioId(), clip.tenantId()).map(s -> s.index() + 1).orElse(0);
        projects.fail(clip.tenantId(), clip.projectId(), Stage.CLIPS, "scene " + scene + ": " + reason);
    }
}
