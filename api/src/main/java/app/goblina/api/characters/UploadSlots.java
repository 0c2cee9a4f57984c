package app.goblina.api.characters;

import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many uploads this API process checks at once ({@code goblina.uploads.concurrent},
 * default 4). Received uploads wait on disk ({@link UploadReceiver} writes the image part there) for a slot, at most
 * {@link #WAIT}; after that the upload is answered 503 with {@code Retry-After}. So the heap an upload burst takes
 * is a few images, however many arrive at once.
 */
@Singleton
public class UploadSlots {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final Semaphore slots;

    public UploadSlots(@Value("${goblina.uploads.concurrent:4}") int concurrent) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("goblina.uploads.concurrent must be at least 1, not " + concurrent);
        }
        this.slots = new Semaphore(concurrent, true);
    }

    public <T> T run(Supplier<T> upload) {
        boolean taken;
        try {
            taken = slots.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            throw ApiException.unavailable(List.of(new FieldError("image", "too many uploads are being checked at once; "
                    + "send it again shortly")), Duration.ofSeconds(5));
        }
        try {
            return upload.get();
        } finally {
            slots.release();
        }
    }
}
