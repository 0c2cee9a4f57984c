package app.goblina.worker.jobrunr;

import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.jobs.Job;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.server.JobSteward;
import org.jobrunr.server.strategy.WorkDistributionStrategy;
import org.jobrunr.server.tasks.steward.OnboardNewWorkTask;
import org.jobrunr.storage.Paging;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;
import org.jobrunr.utils.mapper.JsonMapper;

/**
 * JobRunr's background job server with a way to say "there is new work": {@link #wakeUp()} runs JobRunr's own
 * onboarding task ({@link OnboardNewWorkTask#runTaskThreadSafe()}, under its own lock) at once instead of at the
 * next poll. Nothing of JobRunr is forked or patched; the server is extended through the two factory methods it
 * offers for that ({@code createJobSteward}, {@code createWorkDistributionStrategy}).
 *
 * <p>Never more jobs than threads. JobRunr counts a thread as busy only once the job's performer starts running,
 * so an onboarding right after another one would fetch the same free threads again and leave the extra jobs
 * waiting in the executor's queue, in PROCESSING without a heartbeat, until they are failed as orphans. The work
 * distribution here counts a job as taken from the moment it is handed to the executor until its performer is
 * done, so however often the server is woken, it holds at most as many jobs as it has threads.
 *
 * <p>Uses JobRunr internals that are public or protected but not a documented extension point; the pinned version
 * and {@code WakeableJobServerTest} catch an upgrade that changes them.
 */
public class WakeableJobServer extends BackgroundJobServer {

    /** Jobs handed to the executor whose performer has not finished yet. */
    private final AtomicInteger taken = new AtomicInteger();

    public WakeableJobServer(StorageProvider storage, JsonMapper jsonMapper, JobActivator activator,
            BackgroundJobServerConfiguration configuration) {
        super(storage, jsonMapper, activator, configuration);
    }

    /**
     * Looks for enqueued jobs now, as many as there are free threads. Does nothing while the server is not running
     * or while another onboarding is under way (that one fetches the same jobs). Storage errors reach the caller.
     */
    public void wakeUp() {
        ((WakeableSteward) getJobSteward()).onboardNow();
    }

    /** Jobs this server holds right now: running, or handed to its executor and about to run. */
    public int jobsTaken() {
        return taken.get();
    }

    @Override
    public void processJob(Job job) {
        taken.incrementAndGet();
        try {
            super.processJob(job);
        } catch (RuntimeException notHandedOver) {
            released();
            throw notHandedOver;
        }
    }

    @Override
    public void stop() {
        super.stop();
        // the executor is gone, and with it any job it had not started: none of them will report back
        taken.set(0);
    }

    private void released() {
        taken.updateAndGet(n -> Math.max(0, n - 1));
    }

    @Override
    protected JobSteward createJobSteward() {
        return new WakeableSteward(this);
    }

    @Override
    protected WorkDistributionStrategy createWorkDistributionStrategy() {
        // called from JobRunr's constructor, before this class's fields exist: read them only when asked for work
        return new TakenJobsDistribution(this, getConfiguration().getBackgroundJobServerWorkerPolicy()
                .toWorkDistributionStrategy(this).getWorkerCount());
    }

    /** The steward that onboards on request and tells the server when a job's performer is done. */
    static final class WakeableSteward extends JobSteward {

        private final WakeableJobServer server;
        private final OnboardNewWorkTask onboarding;

        WakeableSteward(WakeableJobServer server) {
            super(server);
            this.server = server;
            this.onboarding = getTaskOfType(OnboardNewWorkTask.class);
        }

        void onboardNow() {
            onboarding.runTaskThreadSafe();
        }

        @Override
        public void notifyThreadIdle() {
            // before JobRunr onboards again for the thread that just became free
            server.released();
            super.notifyThreadIdle();
        }
    }

    /** As many jobs as threads that are neither running a job nor about to. */
    static final class TakenJobsDistribution implements WorkDistributionStrategy {

        private final WakeableJobServer server;
        private final int workerCount;

        TakenJobsDistribution(WakeableJobServer server, int workerCount) {
            this.server = server;
            this.workerCount = workerCount;
        }

        @Override
        public int getWorkerCount() {
            return workerCount;
        }

        @Override
        public AmountRequest getWorkPageRequest() {
            int busy = Math.max(server.jobsTaken(), server.getJobSteward().getOccupiedWorkerCount());
            return Paging.AmountBasedList.ascOnUpdatedAt(Math.max(0, workerCount - busy));
        }
    }
}
