package app.goblina.worker;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process: runs JobRunr's background job server against the shared PostgreSQL. Any number of replicas,
 * all equal; one of them may serve the dashboard. It has no HTTP API of its own.
 */
public final class WorkerApplication {

    private WorkerApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        ApplicationContext context = Micronaut.build(args).mainClass(WorkerApplication.class).banner(false).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "worker-shutdown"));
        stopped.await();
    }
}
