package app.goblina.worker.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.jobs.JobQueue;
import app.goblina.jobs.WriteScenarios;
import app.goblina.worker.pipeline.WorkerTestContext;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;

/**
 * The hand-over of new work through PostgreSQL's NOTIFY, on a real job server whose own poll is 20 s away: with
 * the wake-up on, a job enqueued through the {@link JobQueue} leaves ENQUEUED at once; with it off, the same job
 * waits for the poll. The safety loop is set longer than the test so only the signal can wake the server.
 */
class NewWorkWakesTheServerTest {

    private static final Duration POLL = Duration.ofSeconds(20);
    /** Far less than the poll: a job taken within this was not found by the poll. */
    private static final Duration PROMPTLY = Duration.ofSeconds(4);

    @Test
    void aJobEnqueuedWhileTheServerWaitsForItsNextPollIsTakenAtOnceWhenTheWorkerListens() throws Exception {
        try (WorkerTestContext worker = worker(true)) {
            UUID jobId = enqueueBetweenPolls(worker);

            await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(50))
                    .until(() -> state(worker, jobId) != StateName.ENQUEUED);
            assertThat(worker.bean(NewWorkListener.class).signalsReceived()).as("signals heard").isPositive();
        }
    }

    @Test
    void withTheWakeUpOffTheSameJobWaitsForThePoll() throws Exception {
        try (WorkerTestContext worker = worker(false)) {
            UUID jobId = enqueueBetweenPolls(worker);

            Thread.sleep(PROMPTLY.toMillis());
            assertThat(state(worker, jobId)).as("the job after %s", PROMPTLY).isEqualTo(StateName.ENQUEUED);
            assertThat(worker.bean(NewWorkListener.class).listening()).isFalse();
        }
    }

    private static WorkerTestContext worker(boolean wakeUp) throws Exception {
        WorkerTestContext worker = new WorkerTestContext(Map.of(
                "goblina.worker.run-server", true,
                "goblina.worker.poll-interval", POLL.toSeconds() + "s",
                "goblina.worker.sweep-after", "1h",
                "goblina.worker.wake-up.enabled", wakeUp,
                "goblina.worker.wake-up.safety-every", "1h"));
        if (wakeUp) {
            await().atMost(Duration.ofSeconds(20)).until(() -> worker.bean(NewWorkListener.class).listening());
        }
        return worker;
    }

    /** Enqueues once the server has announced itself and made its first look for work, so the next is a poll away. */
    private static UUID enqueueBetweenPolls(WorkerTestContext worker) throws InterruptedException {
        WakeableJobServer server = worker.bean(JobServerSupervisor.class).server();
        await().atMost(Duration.ofSeconds(30)).until(server::isAnnounced);
        // JobRunr's steward first looks one second after start, then once per poll interval
        Thread.sleep(2_000);
        WriteScenarios job = new WriteScenarios(worker.tenantId, UUID.randomUUID());
        worker.bean(JobQueue.class).enqueue(job);
        return job.jobId();
    }

    private static StateName state(WorkerTestContext worker, UUID jobId) {
        return worker.bean(StorageProvider.class).getJobById(jobId).getState();
    }
}
