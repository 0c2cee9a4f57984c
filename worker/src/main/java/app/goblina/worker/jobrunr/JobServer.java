package app.goblina.worker.jobrunr;

import app.goblina.worker.WorkerConfig;
import app.goblina.worker.sweeper.ResumeStalledWork;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import org.jobrunr.dashboard.JobRunrDashboardWebServer;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts JobRunr's background job server (and, on one worker, its dashboard) when the worker starts, and stops
 * them when it stops. A stopped server's running jobs are picked up by another worker once this one's heartbeat
 * times out, so a killed worker loses no work.
 */
@Context
public class JobServer {

    private static final Logger LOG = LoggerFactory.getLogger(JobServer.class);

    static final String SWEEP_ID = "resume-stalled-work";
    /** JobRunr's smallest recurring interval. */
    private static final Duration MIN_SWEEP = Duration.ofSeconds(5);

    private final BackgroundJobServer server;
    private final JobRunrDashboardWebServer dashboard;

    public JobServer(WorkerConfig config, DashboardConfig dashboardConfig, StorageProvider storage, JsonMapper jsonMapper,
            ContextJobActivator activator, JobRequestScheduler scheduler) {
        if (config.runServer()) {
            server = new BackgroundJobServer(storage, jsonMapper, activator,
                    BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andName(config.name())
                            .andWorkerCount(config.threads())
                            .andPollInterval(config.pollInterval()));
            server.setJobFilters(List.of(new RetryAfterFilter()));
            server.start();
            scheduler.scheduleRecurrently(SWEEP_ID, sweepEvery(config), new ResumeStalledWork());
            LOG.info("Background job server {} started with {} threads, polling every {}", config.name(),
                    config.threads(), config.pollInterval());
        } else {
            server = null;
        }
        if (dashboardConfig.enabled()) {
            dashboard = new JobRunrDashboardWebServer(storage, jsonMapper,
                    JobRunrDashboardWebServerConfiguration.usingStandardDashboardConfiguration().andPort(dashboardConfig.port()));
            dashboard.start();
            LOG.info("JobRunr dashboard on port {}", dashboardConfig.port());
        } else {
            dashboard = null;
        }
    }

    /** Sweeping five times per idle period finds a stalled record within 1.2 periods. */
    private static Duration sweepEvery(WorkerConfig config) {
        Duration every = config.sweepAfter().dividedBy(5);
        return every.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : every;
    }

    @PreDestroy
    void stop() {
        if (dashboard != null) {
            dashboard.stop();
        }
        if (server != null) {
            server.stop();
        }
    }
}
