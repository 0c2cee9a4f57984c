package app.goblina.testkit;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/** Runs the same call several times at the same moment, for tests of what parallel clients do to a server. */
public final class AtOnce {

    private AtOnce() {
    }

    /**
     * {@code count} calls, each on a thread of its own, released together by one latch; their results in the order
     * the calls were made. A call that throws fails the whole run.
     */
    public static <T> List<T> run(int count, Callable<T> call) {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
            List<CompletableFuture<T>> calls = IntStream.range(0, count).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return call.call();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads)).toList();
            start.countDown();
            return calls.stream().map(CompletableFuture::join).toList();
        }
    }
}
