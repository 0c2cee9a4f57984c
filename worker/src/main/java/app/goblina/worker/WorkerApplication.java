package app.goblina.worker;

import io.micronaut.runtime.Micronaut;

/**
 * A worker process: runs JobRunr's background job server against the shared PostgreSQL. Any number of replicas,
 * all equal; one of them may serve the dashboard. Its only HTTP endpoints are {@code /health} and
 * {@code /prometheus}.
 *
 * <p>The HTTP server keeps the process alive, and Micronaut's own shutdown hook stops it on SIGTERM: the job
 * server first lets running jobs finish (JobRunr waits up to 10 s), then the rest closes in order. A second hook
 * of ours closing the same context would deadlock against Micronaut's on the context's and the server's locks.
 */
public final class WorkerApplication {

    private WorkerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(WorkerApplication.class).banner(false).start();
    }
}
