package app.goblina.jobs;

import app.goblina.persistence.ProjectCallbackRepository;
import app.goblina.persistence.ProjectRepository;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Enqueues a project's completion callback right after the project ended: called by whatever ended it (the assembly,
 * a failure, a cancel) once that change is committed. The callback row was written with the project, so a crash
 * before this enqueue loses nothing: the sweeper finds the ended project whose callback is still owed.
 */
@Singleton
public class CompletionCallbacks {

    private final ProjectRepository projects;
    private final ProjectCallbackRepository callbacks;
    private final JobQueue jobs;

    public CompletionCallbacks(ProjectRepository projects, ProjectCallbackRepository callbacks, JobQueue jobs) {
        this.projects = projects;
        this.callbacks = callbacks;
        this.jobs = jobs;
    }

    /** Enqueues the callback if the project has ended and its callback is still owed; else does nothing. */
    public void projectEnded(UUID tenantId, UUID projectId) {
        projects.findByIdAndTenantId(projectId, tenantId).ifPresent(project -> callbacks.findByProject(projectId, tenantId)
                .flatMap(callback -> PipelineOrder.forCallback(project, callback))
                .ifPresent(jobs::enqueue));
    }
}
