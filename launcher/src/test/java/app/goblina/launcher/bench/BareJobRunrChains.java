package app.goblina.launcher.bench;

import app.goblina.testkit.TestDatabase;
import app.goblina.worker.jobrunr.WakeableJobServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * The baseline of the orchestration-overhead benchmark: the jobs of a project as bare JobRunr job requests that do
 * nothing ({@link NoOpStep}), in the project's own shape: one write, a submit per scene, each scheduling a poll
 * after the same delay the pipeline's clip poll waits, and one assemble once every poll has run. They run on the
 * same job servers as the workers ({@link WakeableJobServer}: as many servers, threads and connections each, the
 * same 5 s poll and 500 ms safety loop) on a database of their own; an enqueue wakes the servers by a direct
 * call, which is the best case for the baseline: no NOTIFY round trip.
 */
public final class BareJobRunrChains implements AutoCloseable {

    private static volatile BareJobRunrChains current;

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<WakeableJobServer> servers = new ArrayList<>();
    private final JobRequestScheduler scheduler;
    private final ScheduledExecutorService safetyLoop = Executors.newSingleThreadScheduledExecutor();
    private final Map<UUID, Chain> chains = new ConcurrentHashMap<>();
    private final int scenes;
    private final Duration pollDelay;

    private record Chain(AtomicInteger pollsLeft, long startedNanos, AtomicLong lastSubmitEnd, AtomicLong firstPollStart,
            CompletableFuture<Long> finishedNanos) {
    }

    /**
     * One chain's run.
     *
     * @param span          from the first enqueue to the end of the assemble step
     * @param scheduledWait from the last submit's end to the first poll's start: JobRunr's scheduled-job hop
     */
    public record Run(Duration span, Duration scheduledWait) {
    }

    private BareJobRunrChains(TestDatabase database, int serverCount, int threads, int scenes, Duration pollDelay)
            throws InterruptedException {
        this.scenes = scenes;
        this.pollDelay = pollDelay;
        JacksonJsonMapper json = new JacksonJsonMapper();
        StorageProvider schedulerStorage = storage(database, json);
        this.scheduler = new JobRequestScheduler(schedulerStorage);
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                try {
                    return type.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        for (int n = 1; n <= serverCount; n++) {
            WakeableJobServer server = new WakeableJobServer(storage(database, json), json, activator,
                    BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andName("bare-" + n).andWorkerCount(threads).andPollInterval(Duration.ofSeconds(5)));
            server.start();
            servers.add(server);
        }
        for (WakeableJobServer server : servers) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!server.isAnnounced() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        safetyLoop.scheduleWithFixedDelay(this::wakeAll, 500, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts {@code serverCount} job servers of {@code threads} threads on {@code database}.
     *
     * @param scenes    the submits (and polls) per chain
     * @param pollDelay how long after its submit a poll is scheduled
     */
    public static BareJobRunrChains start(TestDatabase database, int serverCount, int threads, int scenes,
            Duration pollDelay) throws InterruptedException {
        BareJobRunrChains chains = new BareJobRunrChains(database, serverCount, threads, scenes, pollDelay);
        current = chains;
        return chains;
    }

    static BareJobRunrChains current() {
        return current;
    }

    /** Runs one chain from its first enqueue to the end of its assemble step; answers how long that took. */
    public Run runOne() throws Exception {
        UUID id = UUID.randomUUID();
        Chain chain = new Chain(new AtomicInteger(scenes), System.nanoTime(), new AtomicLong(Long.MIN_VALUE),
                new AtomicLong(Long.MAX_VALUE), new CompletableFuture<>());
        chains.put(id, chain);
        enqueue(new NoOpStep(id, NoOpStep.Step.WRITE));
        long finished = chain.finishedNanos().get(2, TimeUnit.MINUTES);
        chains.remove(id);
        return new Run(Duration.ofNanos(finished - chain.startedNanos()),
                Duration.ofNanos(chain.firstPollStart().get() - chain.lastSubmitEnd().get()));
    }

    /** Runs {@code count} chains, {@code atOnce} at a time, for warming the job servers up; their times are dropped. */
    public void warmUp(int count, int atOnce) throws Exception {
        try (var runners = Executors.newFixedThreadPool(atOnce)) {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                runs.add(runners.submit(this::runOne));
            }
            for (Future<Run> run : runs) {
                run.get();
            }
        }
    }

    void handOn(NoOpStep step) {
        Chain chain = chains.get(step.chain());
        switch (step.step()) {
            case WRITE -> {
                for (int i = 0; i < scenes; i++) {
                    enqueue(new NoOpStep(step.chain(), NoOpStep.Step.SUBMIT));
                }
            }
            case SUBMIT -> {
                scheduler.create(JobBuilder.aJob().withName("poll")
                        .withJobRequest(new NoOpStep(step.chain(), NoOpStep.Step.POLL))
                        .scheduleAt(Instant.now().plus(pollDelay)));
                chain.lastSubmitEnd().accumulateAndGet(System.nanoTime(), Math::max);
            }
            case POLL -> {
                chain.firstPollStart().accumulateAndGet(System.nanoTime(), Math::min);
                if (chain.pollsLeft().decrementAndGet() == 0) {
                    enqueue(new NoOpStep(step.chain(), NoOpStep.Step.ASSEMBLE));
                }
            }
            case ASSEMBLE -> chain.finishedNanos().complete(System.nanoTime());
        }
    }

    private void enqueue(NoOpStep step) {
        scheduler.create(JobBuilder.aJob().withName(step.step().name()).withJobRequest(step));
        wakeAll();
    }

    private void wakeAll() {
        for (WakeableJobServer server : servers) {
            try {
                server.wakeUp();
            } catch (RuntimeException e) {
                // the poll still finds the work
            }
        }
    }

    private StorageProvider storage(TestDatabase database, JacksonJsonMapper json) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.username());
        config.setPassword(database.password());
        // as many connections as a worker's pool (DATABASE_POOL_SIZE defaults to 12)
        config.setMaximumPoolSize(12);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        StorageProvider storage = SqlStorageProviderFactory.using(pool);
        storage.setJobMapper(new JobMapper(json));
        return storage;
    }

    @Override
    public void close() {
        safetyLoop.shutdownNow();
        for (WakeableJobServer server : servers) {
            server.stop();
        }
        for (HikariDataSource pool : pools) {
            pool.close();
        }
        current = null;
    }
}
