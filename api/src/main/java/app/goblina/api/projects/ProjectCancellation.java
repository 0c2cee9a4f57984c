package app.goblina.api.projects;

import app.goblina.domain.ProjectStatus;
import app.goblina.jobs.CompletionCallbacks;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineOrder;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ProjectCancellationRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * A cancel, made durable: the project, its clips and a cancellation to carry out are written in one
 * transaction, then the CancelProject job is enqueued. A crash after the commit leaves an open cancellation that the
 * workers' sweeper re-drives, so reservations are released and providers are reached whatever happens. The
 * project's completion callback, if it named one, is enqueued too (and re-driven the same way).
 */
@Singleton
public class ProjectCancellation {

    private final ProjectRepository projects;
    private final ClipRepository clips;
    private final ProjectCancellationRepository cancellations;
    private final JobQueue jobs;
    private final CompletionCallbacks callbacks;

    public ProjectCancellation(ProjectRepository projects, ClipRepository clips,
            ProjectCancellationRepository cancellations, JobQueue jobs, CompletionCallbacks callbacks) {
        this.callbacks = callbacks;
        this.projects = projects;
        this.clips = clips;
        this.cancellations = cancellations;
        this.jobs = jobs;
    }

    /** Cancels a running project; false when it had already finished (nothing is written then). */
    public boolean cancel(ProjectRow project) {
        if (!record(project)) {
            return false;
        }
        jobs.enqueue(PipelineOrder.cancel(project));
        callbacks.projectEnded(project.tenantId(), project.id());
        return true;
    }

    /** The cancel's writes, all or none; public so the transaction advice applies to it. */
    @Transactional
    public boolean record(ProjectRow project) {
        if (!project.status().canMoveTo(ProjectStatus.CANCELLED)
                || projects.cancel(project.id(), project.tenantId()) == 0) {
            return false;
        }
        clips.cancelAllOfProject(project.id(), project.tenantId());
        cancellations.insertIfAbsent(project.id(), project.tenantId());
        return true;
    }
}
