package app.goblina.worker.pipeline;

import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.CompletionCallbacks;
import app.goblina.money.CostLedger;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.RenderRepository;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that a project failed, in which stage and why, in words a user can act on, and releases the
 * reservations of calls not yet made. Clips whose generation already runs at the provider are paid for: they keep
 * their reservation, finish, are stored and settle, so a failed project's good scenes are not thrown away. Then the
 * project's completion callback, if it named one, is enqueued.
 */
@Singleton
public class ProjectFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectFailures.class);

    private final ProjectRepository projects;
    private final RenderRepository renders;
    private final CostLedger ledger;
    private final CompletionCallbacks callbacks;

    public ProjectFailures(ProjectRepository projects, RenderRepository renders, CostLedger ledger,
            CompletionCallbacks callbacks) {
        this.ledger = ledger;
        this.callbacks = callbacks;
        this.projects = projects;
        this.renders = renders;
    }

    public void fail(UUID tenantId, UUID projectId, Stage stage, String reason) {
        boolean running = projects.findByIdAndTenantId(projectId, tenantId)
                .map(p -> p.status().canMoveTo(ProjectStatus.FAILED)).orElse(false);
        if (!running) {
            return;
        }
        ledger.releaseUnstarted(tenantId, projectId);
        if (projects.fail(projectId, tenantId, stage.name(), reason) > 0) {
            LOG.info("Project {} failed in {}: {}", projectId, stage.wireName(), reason);
        }
        if (stage == Stage.ASSEMBLY) {
            renders.markFailed(projectId, tenantId);
        }
        callbacks.projectEnded(tenantId, projectId);
    }
}
