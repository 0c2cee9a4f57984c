package app.goblina.worker.providers.http;

import java.io.IOException;

/**
 * A successful response body was longer than the adapter's cap. Raised inside the body subscriber, so the client
 * stops reading at once; {@link ProviderHttp} turns it into a permanent failure, because the same request would
 * bring the same oversized answer again: the cure is a larger cap in the configuration, not a retry.
 */
public final class ResponseTooLarge extends IOException {

    private final long maxBytes;

    public ResponseTooLarge(long maxBytes) {
        super("the answer was larger than the " + maxBytes + "-byte limit");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
