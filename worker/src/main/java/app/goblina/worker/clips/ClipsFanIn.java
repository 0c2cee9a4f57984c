package app.goblina.worker.clips;

import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.AssembleProject;
import app.goblina.jobs.JobQueue;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ScenarioRepository;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Fan-in: when the last clip of a project is ready (and the last narration, when it has them), the project moves
 * to ASSEMBLING and its assembly is
 * enqueued. Every clip that finishes asks; the conditional transition lets one win, and the deterministic job id
 * makes the enqueue safe to repeat, including on a rerun after a crash between the two.
 */
@Singleton
public class ClipsFanIn {

    private final ClipRepository clips;
    private final ProjectRepository projects;
    private final JobQueue jobs;
    private final ScenarioRepository scenarios;

    public ClipsFanIn(ClipRepository clips, ProjectRepository projects, JobQueue jobs, ScenarioRepository scenarios) {
        this.scenarios = scenarios;
        this.clips = clips;
        this.projects = projects;
        this.jobs = jobs;
    }

    /** Called whenever a clip or a narration of the project is done. */
    public void clipFinished(UUID tenantId, UUID projectId) {
        if (clips.countNotReady(projectId, tenantId) > 0 || scenarios.countNarrationPending(projectId, tenantId) > 0) {
            return;
        }
        projects.transition(projectId, tenantId, ProjectStatus.GENERATING.name(), ProjectStatus.ASSEMBLING.name(),
                Stage.ASSEMBLY.name());
        boolean assembling = projects.findByIdAndTenantId(projectId, tenantId)
                .map(p -> p.status() == ProjectStatus.ASSEMBLING).orElse(false);
        if (assembling) {
            jobs.enqueue(new AssembleProject(tenantId, projectId));
        }
    }
}
