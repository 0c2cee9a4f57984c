package app.goblina.worker.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.worker.pipeline.WorkerTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.JarUtils;
import org.jobrunr.utils.mapper.JsonMapper;
import org.junit.jupiter.api.Test;

/**
 * {@link WakeableJobServer} leans on JobRunr internals: the steward and work distribution made through the
 * server's factory methods, and the onboarding task's thread-safe run. These tests fail when an upgrade of JobRunr
 * changes them, and check the promise that matters most: however often it is woken, a server never takes more
 * jobs than it has threads (the extra ones would sit in PROCESSING without a heartbeat until failed as orphans).
 */
class WakeableJobServerTest {

    /** The JobRunr version whose internals WakeableJobServer was written against; see pom.xml. */
    private static final String PINNED_JOBRUNR = "8.7.0";
    private static final int THREADS = 2;
    private static final int JOBS = 10;

    @Test
    void theJobRunrOnTheClasspathIsTheVersionTheWakeUpWasWrittenFor() {
        assertThat(JarUtils.getVersion(BackgroundJobServer.class))
                .as("JobRunr changed: check WakeableJobServer against its JobSteward, OnboardNewWorkTask and "
                        + "BasicWorkDistributionStrategy, then update this pin")
                .isEqualTo(PINNED_JOBRUNR);
    }

    @Test
    void theServerBuildsItsStewardAndItsWorkDistributionThroughTheOverriddenFactoryMethods() throws Exception {
        try (WorkerTestContext worker = new WorkerTestContext()) {
            WakeableJobServer server = server(worker);
            assertThat(server.getJobSteward()).isInstanceOf(WakeableJobServer.WakeableSteward.class);
            assertThat(server.getWorkDistributionStrategy()).isInstanceOf(WakeableJobServer.TakenJobsDistribution.class);
            assertThat(server.getWorkDistributionStrategy().getWorkerCount()).isEqualTo(THREADS);
        }
    }

    @Test
    void wokenOverAndOverAServerNeverHoldsMoreJobsThanItHasThreadsAndStillRunsThemAll() throws Exception {
        try (WorkerTestContext worker = new WorkerTestContext()) {
            StorageProvider storage = worker.bean(StorageProvider.class);
            HeldJob.release = new CountDownLatch(1);
            HeldJob.running.set(0);
            HeldJob.done.set(0);
            JobRequestScheduler scheduler = worker.bean(JobRequestScheduler.class);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                ids.add(scheduler.enqueue(new HeldJob(i)).asUUID());
            }
            WakeableJobServer server = server(worker);
            server.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(server::isAnnounced);
                AtomicBoolean waking = new AtomicBoolean(true);
                List<Thread> wakers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Thread waker = new Thread(() -> {
                        while (waking.get()) {
                            server.wakeUp();
                        }
                    });
                    waker.start();
                    wakers.add(waker);
                }
                int mostInProcessing = 0;
                long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < until) {
                    mostInProcessing = Math.max(mostInProcessing, (int) ids.stream()
                            .filter(id -> storage.getJobById(id).getState() == StateName.PROCESSING).count());
                }
                assertThat(HeldJob.running.get()).as("jobs running while held").isEqualTo(THREADS);
                assertThat(mostInProcessing).as("jobs in PROCESSING at most, woken by 4 threads for 3 s")
                        .isEqualTo(THREADS);
                assertThat(server.jobsTaken()).isEqualTo(THREADS);

                HeldJob.release.countDown();
                await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                        .allMatch(id -> storage.getJobById(id).getState() == StateName.SUCCEEDED));
                waking.set(false);
                for (Thread waker : wakers) {
                    waker.join();
                }
                assertThat(HeldJob.done.get()).isEqualTo(JOBS);
                assertThat(server.jobsTaken()).as("jobs held once all are done").isZero();
            } finally {
                HeldJob.release.countDown();
                server.stop();
            }
        }
    }

    private static WakeableJobServer server(WorkerTestContext worker) {
        return new WakeableJobServer(worker.bean(StorageProvider.class), worker.bean(JsonMapper.class),
                WakeableJobServerTest::newInstance, BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andName("wakeable-test").andWorkerCount(THREADS).andPollInterval(Duration.ofSeconds(30)));
    }

    private static <T> T newInstance(Class<T> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A job that runs until the test releases it. */
    public record HeldJob(int number) implements JobRequest {

        static volatile CountDownLatch release = new CountDownLatch(1);
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger done = new AtomicInteger();

        @Override
        public Class<HeldJobHandler> getJobRequestHandler() {
            return HeldJobHandler.class;
        }
    }

    public static class HeldJobHandler implements JobRequestHandler<HeldJob> {

        @Override
        public void run(HeldJob job) throws Exception {
            HeldJob.running.incrementAndGet();
            try {
                HeldJob.release.await();
            } finally {
                HeldJob.running.decrementAndGet();
                HeldJob.done.incrementAndGet();
            }
        }
    }
}
