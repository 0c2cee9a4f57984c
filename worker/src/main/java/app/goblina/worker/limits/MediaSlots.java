package app.goblina.worker.limits;

import app.goblina.worker.WorkerConfig;
import jakarta.inject.Singleton;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * Bounds FFmpeg work in this process. Encoding is CPU-bound native code: more encodes than cores only makes
 * each slower, while the other job threads, which mostly wait on HTTP and the database, keep going.
 */
@Singleton
public class MediaSlots {

    private final int size;
    private final Semaphore slots;

    public MediaSlots(WorkerConfig config) {
        this.size = config.mediaSlots();
        this.slots = new Semaphore(size, true);
    }

    public <T> T run(Callable<T> work) throws Exception {
        slots.acquire();
        try {
            return work.call();
        } finally {
            slots.release();
        }
    }

    /** How many slots there are. */
    public int size() {
        return size;
    }

    /** Slots held now. */
    public int busy() {
        return size - slots.availablePermits();
    }

    /** Callers waiting for a slot now. */
    public int waiting() {
        return slots.getQueueLength();
    }
}
