package app.goblina.worker.clips;

import app.goblina.domain.ProjectStatus;
import app.goblina.jobs.AssembleProject;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineOrder;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Fan-in: when the last clip of a project is ready (and the last narration, when it has them), its assembly is
 * enqueued; the assembly moves the project to ASSEMBLING when it starts. Every clip and narration that finishes
 * asks; the deterministic job id keeps it to one assembly, including on a rerun after a crash. The rule for
 * "ready" is {@link PipelineOrder#readyToAssemble}, the same one the sweeper uses.
 */
@Singleton
public class ClipsFanIn {

    private final ClipRepository clips;
    private final ProjectRepository projects;
    private final JobQueue jobs;
    private final ScenarioRepository scenarios;

    public ClipsFanIn(ClipRepository clips, ProjectRepository projects, JobQueue jobs, ScenarioRepository scenarios) {
        this.clips = clips;
        this.projects = projects;
        this.jobs = jobs;
        this.scenarios = scenarios;
    }

    /** Called whenever a clip or a narration of the project is done. */
    public void clipFinished(UUID tenantId, UUID projectId) {
        ProjectRow project = projects.findByIdAndTenantId(projectId, tenantId).orElse(null);
        if (project != null && project.status() == ProjectStatus.GENERATING
                && PipelineOrder.readyToAssemble(clips.findByProject(projectId, tenantId),
                        scenarios.findByProject(projectId, tenantId))) {
            // a regenerated project assembles again under the job id of its generation
            jobs.enqueue(new AssembleProject(tenantId, projectId, project.generation()));
        }
    }
}
