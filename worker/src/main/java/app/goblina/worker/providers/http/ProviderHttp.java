package app.goblina.worker.providers.http;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.metrics.ProviderCallMetrics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with a provider, with the failure rules every adapter shares: a timeout or a broken
 * connection is transient; 408, 409, 429 and 5xx are transient and carry the provider's Retry-After; other 4xx
 * are permanent. A 429 is a {@link RateLimited}; any 4xx answer is marked as having changed nothing at the
 * provider, which tells a refused paid create from one whose outcome is unknown. Adapters refine with their vendor's signals (an "insufficient_quota" 429 is permanent) through
 * {@link FailureRules}. A successful answer larger than the cap of a {@link CappedBodies} handler is permanent.
 * Redirects are not followed: downloads go through {@link #download} which allows them
 * only to the hosts an adapter names.
 */
public final class ProviderHttp {

    private final String provider;
    private final HttpClient client;
    private final Clock clock;

    public ProviderHttp(String provider, Duration connectTimeout, Clock clock) {
        this.provider = provider;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpClient client() {
        return client;
    }

    /** Sends, and returns the response when its status is 2xx (or 3xx, for callers that handle redirects). */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, FailureRules rules) {
        return send(request, handler, rules, (String) null);
    }

    /** Like {@link #send(HttpRequest, HttpResponse.BodyHandler, FailureRules)}, counted under the model it calls. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, FailureRules rules,
            String model) {
        long started = System.nanoTime();
        HttpResponse<T> response;
        try {
            response = client.send(request, handler);
        } catch (IOException e) {
            recordFailure(model, e, started);
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(model, "error", started);
            throw new TransientFailure(provider + " call interrupted", e);
        }
        record(model, ProviderCallMetrics.outcome(response.statusCode()), started);
        return judged(response, rules);
    }

    /**
     * Like {@link #send(HttpRequest, HttpResponse.BodyHandler, FailureRules)}, but {@code deadline} bounds the whole
     * exchange, body included. java.net.http's request timeout stops counting once the headers arrive, so a
     * stream that stalls after them (speech audio, say) would otherwise hold a worker thread for good. Past the
     * deadline the exchange is cancelled and the call fails transiently.
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, FailureRules rules,
            Duration deadline) {
        return send(request, handler, rules, deadline, null);
    }

    /** Like {@link #send(HttpRequest, HttpResponse.BodyHandler, FailureRules, Duration)}, counted under the model it calls. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, FailureRules rules,
            Duration deadline, String model) {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, handler);
        HttpResponse<T> response;
        try {
            response = exchange.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            record(model, "timeout", started);
            throw new TransientFailure(provider + " did not answer within " + deadline.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            recordFailure(model, e.getCause(), started);
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            record(model, "error", started);
            throw new TransientFailure(provider + " call interrupted", e);
        }
        record(model, ProviderCallMetrics.outcome(response.statusCode()), started);
        return judged(response, rules);
    }

    private <T> HttpResponse<T> judged(HttpResponse<T> response, FailureRules rules) {
        int status = response.statusCode();
        if (status < 400) {
            return response;
        }
        String body = response.body() instanceof String text ? text : "";
        FailureRules.Verdict verdict = rules.judge(status, body);
        String reason = provider + ": " + verdict.reason();
        if (verdict.permanent()) {
            throw new PermanentFailure(reason);
        }
        java.time.Duration retryAfter = RetryAfter.from(response.headers(), clock).or(() -> rules.retryAfter(body)).orElse(null);
        if (status == 429) {
            throw new RateLimited(reason, retryAfter);
        }
        // A 4xx is the provider's answer that it did nothing; a 5xx may come after a create took effect.
        throw new TransientFailure(reason, retryAfter, null, rules.changedNothing(status, body));
    }

    private void recordFailure(String model, Throwable error, long started) {
        record(model, causedBy(error, HttpTimeoutException.class) ? "timeout" : "error", started);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private void record(String model, String outcome, long started) {
        ProviderCallMetrics.record(provider, model, outcome, Duration.ofNanos(System.nanoTime() - started));
    }

    /** What a failed exchange means: an oversized answer is permanent, a timeout or lost connection transient. */
    private RuntimeException failure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResponseTooLarge tooLarge) {
                return new PermanentFailure(provider + ": " + tooLarge.getMessage(), error);
            }
            if (cause instanceof HttpTimeoutException) {
                return new TransientFailure(provider + " did not answer within the timeout", error);
            }
        }
        if (error instanceof RuntimeException unexpected) {
            // not the provider's doing (a full disk under a file body, a bug): let it surface as it is
            return unexpected;
        }
        return new TransientFailure(provider + " connection failed: " + error.getMessage(), error);
    }
}
