package app.goblina.worker.providers.http;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * One HTTP exchange with a provider, with the failure rules every adapter shares: a timeout or a broken
 * connection is transient; 408, 409, 429 and 5xx are transient and carry the provider's Retry-After; other 4xx
 * are permanent. Adapters refine with their vendor's signals (an "insufficient_quota" 429 is permanent) through
 * {@link FailureRules}. Redirects are not followed: downloads go through {@link #download} which allows them
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
        HttpResponse<T> response;
        try {
            response = client.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new TransientFailure(provider + " did not answer within the timeout", e);
        } catch (IOException e) {
            throw new TransientFailure(provider + " connection failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure(provider + " call interrupted", e);
        }
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
        throw new TransientFailure(reason, RetryAfter.from(response.headers(), clock).orElse(null), null);
    }
}
