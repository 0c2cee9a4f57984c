package app.goblina.worker.providers.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Body handlers that read at most a fixed number of bytes, so a misbehaving provider cannot fill the worker's
 * memory or disk. A successful body over the cap fails with {@link ResponseTooLarge}; an error body over the cap
 * is cut short quietly, since it is only read for its verdict.
 */
public final class CappedBodies {

    /** How much of an error body is kept: enough for any vendor's error JSON. */
    static final int MAX_ERROR_BYTES = 64 * 1024;

    private CappedBodies() {
    }

    /** The body as UTF-8 text, at most {@code maxBytes}. */
    public static BodyHandler<String> text(int maxBytes) {
        return info -> BodySubscribers.mapping(new Capped(maxBytes, !isSuccess(info.statusCode()), null),
                bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Streams a successful body into {@code target} (created or replaced), at most {@code maxBytes}, and yields an
     * empty string; an error status yields the error's text instead (at most 64 KB) and leaves {@code target}
     * alone, so {@link ProviderHttp}'s failure rules can read it. A body over the cap leaves a partial file for the
     * caller to delete.
     */
    public static BodyHandler<String> toFile(Path target, long maxBytes) {
        return info -> {
            if (!isSuccess(info.statusCode())) {
                return BodySubscribers.mapping(new Capped(MAX_ERROR_BYTES, true, null),
                        bytes -> new String(bytes, StandardCharsets.UTF_8));
            }
            return BodySubscribers.mapping(new Capped(maxBytes, false, open(target)), bytes -> "");
        };
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static FileChannel open(Path target) {
        try {
            return FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects into memory, or writes to a file when given one, and stops at the cap. */
    private static final class Capped implements BodySubscriber<byte[]> {

        private final long maxBytes;
        private final boolean truncateQuietly;
        private final FileChannel file;
        private final ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long received;

        Capped(long maxBytes, boolean truncateQuietly, FileChannel file) {
            this.maxBytes = maxBytes;
            this.truncateQuietly = truncateQuietly;
            this.file = file;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            try {
                for (ByteBuffer buffer : buffers) {
                    long room = maxBytes - received;
                    if (buffer.remaining() > room) {
                        if (!truncateQuietly) {
                            fail(new ResponseTooLarge(maxBytes));
                            return;
                        }
                        buffer.limit(buffer.position() + (int) room);
                        keep(buffer);
                        finish();
                        return;
                    }
                    keep(buffer);
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        @Override
        public void onError(Throwable error) {
            closeFile();
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void keep(ByteBuffer buffer) throws IOException {
            received += buffer.remaining();
            if (file != null) {
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
            } else {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                memory.writeBytes(bytes);
            }
        }

        private void finish() {
            subscription.cancel();
            closeFile();
            result.complete(memory.toByteArray());
        }

        private void fail(IOException error) {
            subscription.cancel();
            closeFile();
            result.completeExceptionally(error);
        }

        private void closeFile() {
            if (file == null) {
                return;
            }
            try {
                file.close();
            } catch (IOException e) {
                // the result already says what went wrong; a failed close adds nothing to act on
            }
        }
    }
}
