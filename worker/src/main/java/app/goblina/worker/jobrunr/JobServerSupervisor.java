package app.goblina.worker.jobrunr;

import app.goblina.worker.failedjobs.JobsFailedForGood;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.metrics.PipelineMetrics;
import app.goblina.worker.sweeper.ResumeStalledWork;
import app.goblina.worker.retries.RetryElection;
import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs JobRunr's background job server (and, on one worker, its dashboard: {@link DashboardServer}) for the life
 * of the worker, and keeps it running. JobRunr OSS shuts its server down for good when its storage fails too often
 * ("An unrecoverable error occurred. Shutting down BackgroundJobServer", jobrunr issue #784): after a database
 * outage the JVM lives on but runs nothing. The supervisor looks every few seconds; a server that stopped is started
 * again once the database answers. {@link #healthy()} tells the worker's /health whether jobs can run.
 *
 * <p>A killed worker loses no work: its running jobs are failed as orphans by another worker's server once this
 * one's heartbeat times out, and retried by {@link PipelineRetryFilter}.
 */
@Context
public class JobServerSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(JobServerSupervisor.class);

    static final String SWEEP_ID = "resume-stalled-work";
    /** JobRunr's smallest recurring interval. */
    private static final Duration MIN_SWEEP = Duration.ofSeconds(5);
    /** How often the supervisor looks: a stopped server is back within this once the database answers. */
    static final Duration SUPERVISE_EVERY = Duration.ofSeconds(2);
    /** A database that does not answer a validity check within this counts as down. */
    private static final int DATABASE_CHECK_SECONDS = 2;

    private final WakeableJobServer server;
    private final DashboardServer dashboard;
    private final DataSource dataSource;
    private final ScheduledExecutorService supervisor;
    private volatile boolean stopping;
    private volatile int restarts;
    private volatile Instant lastRestart;

    public JobServerSupervisor(WorkerConfig config, DashboardConfig dashboardConfig, RetryElection retries,
            StorageProvider storage, JsonMapper jsonMapper, ContextJobActivator activator, JobRequestScheduler scheduler,
            JobsFailedForGood failedForGood, DataSource dataSource, PipelineMetrics metrics) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        if (config.runServer()) {
            server = new WakeableJobServer(storage, jsonMapper, activator,
                    BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andName(config.name())
                            .andWorkerCount(config.threads())
                            .andPollInterval(config.pollInterval()));
            // One elect-state filter (JobRunr keeps only the last one), and the filter that fails records for good.
            server.setJobFilters(List.of(new PipelineRetryFilter(retries), new FailedForGoodFilter(failedForGood, metrics)));
            server.start();
            registerSweep(scheduler, sweepEvery(config));
            LOG.info("Background job server {} started with {} threads, polling every {}", config.name(),
                    config.threads(), config.pollInterval());
            supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "job-server-supervisor");
                thread.setDaemon(true);
                return thread;
            });
            supervisor.scheduleWithFixedDelay(this::restartIfStopped, SUPERVISE_EVERY.toMillis(),
                    SUPERVISE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            server = null;
            supervisor = null;
        }
        if (dashboardConfig.enabled()) {
            dashboard = DashboardServer.start(dashboardConfig, storage, jsonMapper);
        } else {
            dashboard = null;
        }
    }

    /**
     * Every worker registers the same recurring sweep. JobRunr saves it as "insert unless it exists", so two workers
     * starting at the same moment can both try the insert; the loser sees a duplicate key and, on a second try,
     * finds the row and updates it.
     */
    private static void registerSweep(JobRequestScheduler scheduler, Duration every) {
        for (int attempt = 1; ; attempt++) {
            try {
                scheduler.scheduleRecurrently(SWEEP_ID, every, new ResumeStalledWork());
                return;
            } catch (RuntimeException raced) {
                if (attempt == 3) {
                    throw raced;
                }
                LOG.info("Another worker registered the sweep at the same moment; registering it again");
            }
        }
    }

    /** Sweeping five times per idle period finds a stalled record within 1.2 periods. */
    private static Duration sweepEvery(WorkerConfig config) {
        Duration every = config.sweepAfter().dividedBy(5);
        return every.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : every;
    }

    private void restartIfStopped() {
        try {
            if (stopping || server.isRunning() || !databaseAnswers()) {
                return;
            }
            // isRunning() is also false for a moment while the server changes state: look twice before acting
            Thread.sleep(SUPERVISE_EVERY.toMillis() / 2);
            if (stopping || server.isRunning()) {
                return;
            }
            LOG.warn("The background job server had stopped; the database answers again, so it is started again");
            server.start();
            restarts++;
            lastRestart = Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Could not start the background job server again yet: {}", e.toString());
        }
    }

    boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(DATABASE_CHECK_SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** This worker's job server, or null when it runs none. */
    public WakeableJobServer server() {
        return server;
    }

    /** Whether this worker runs jobs: its job server is up and the database answers. */
    public Health health() {
        if (server == null) {
            return new Health(true, "no job server in this process", restarts, lastRestart);
        }
        if (!server.isRunning()) {
            return new Health(false, "the background job server is stopped", restarts, lastRestart);
        }
        if (!databaseAnswers()) {
            return new Health(false, "the database does not answer", restarts, lastRestart);
        }
        return new Health(true, "running", restarts, lastRestart);
    }

    /**
     * @param healthy     jobs can run
     * @param detail      what is wrong, or "running"
     * @param restarts    how often the supervisor started the stopped server again
     * @param lastRestart when it last did, or null
     */
    public record Health(boolean healthy, String detail, int restarts, Instant lastRestart) {
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (server != null) {
            server.stop();
        }
    }
}
