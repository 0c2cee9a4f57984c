package app.goblina.worker.callbacks;

import app.goblina.domain.CallbackState;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.NotifyCallback;
import app.goblina.persistence.CallbackAttemptRepository;
import app.goblina.persistence.ProjectCallbackRepository;
import app.goblina.persistence.ProjectCallbackRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.webhooks.CallbackConfig;
import app.goblina.webhooks.CallbackSecrets;
import app.goblina.webhooks.CallbackUrlPolicy;
import app.goblina.webhooks.CallbackUrlPolicy.Target;
import app.goblina.worker.pipeline.JobStage;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at telling a project's callback URL that the project ended. The first attempt fixes the event (its
 * type, {@code webhook-id} and body), so every retry sends the same message with a fresh {@code webhook-timestamp}
 * and signature. Each attempt is recorded (when, the status or why there was none, when the next is due) before
 * the job ends:
 * <ul>
 *   <li>a 2xx answer delivers it;</li>
 *   <li>no connection, a timeout, a name that does not resolve (for now), 408, 429 and 5xx are retried: a
 *       {@link TransientFailure} carrying the wait, which the job server's retry filter honours, on the schedule of
 *       {@link CallbackConfig#retryWaits()} (a receiver's {@code Retry-After} may lengthen a wait), until the
 *       attempts run out;</li>
 *   <li>any other answer (3xx: redirects are not followed; 4xx), a URL the policy refuses now (its name resolves
 *       to an internal address) or the last attempt failing gives up: the callback is FAILED with the reason, and a
 *       {@link PermanentFailure} ends the job.</li>
 * </ul>
 * Neither the URL nor the secret appears in a log line or a failure message: both end up in JobRunr's dashboard.
 */
@Singleton
public class NotifyCallbackStage implements JobStage<NotifyCallback> {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyCallbackStage.class);

    private final ProjectRepository projects;
    private final ProjectCallbackRepository callbacks;
    private final CallbackAttemptRepository attempts;
    private final CallbackSecrets secrets;
    private final CallbackUrlPolicy policy;
    private final CallbackConfig config;
    private final Clock clock;

    public NotifyCallbackStage(ProjectRepository projects, ProjectCallbackRepository callbacks,
            CallbackAttemptRepository attempts, CallbackSecrets secrets, CallbackUrlPolicy policy, CallbackConfig config,
            Clock clock) {
        this.projects = projects;
        this.callbacks = callbacks;
        this.attempts = attempts;
        this.secrets = secrets;
        this.policy = policy;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Class<NotifyCallback> jobType() {
        return NotifyCallback.class;
    }

    @Override
    public void run(NotifyCallback job) {
        ProjectRow project = projects.findByIdAndTenantId(job.projectId(), job.tenantId()).orElse(null);
        ProjectCallbackRow callback = callbacks.findByProject(job.projectId(), job.tenantId()).orElse(null);
        if (project == null || !project.status().isTerminal() || callback == null || callback.state().isSettled()) {
            return;
        }
        CallbackEvent event = CallbackEvent.of(project, clock.instant());
        callbacks.fixEvent(project.id(), project.tenantId(), event.type(), event.webhookId(), event.payload());
        callback = callbacks.findByProject(job.projectId(), job.tenantId()).orElseThrow();
        if (callback.state() != CallbackState.SENDING) {
            return; // settled meanwhile by another run
        }
        int number = (int) attempts.countByProject(project.id(), project.tenantId()) + 1;
        Instant at = clock.instant();
        Outcome outcome = attempt(callback, at);
        settle(callback, number, at, outcome);
    }

    /** What one attempt came to. */
    private record Outcome(Integer status, String error, boolean retryable, Optional<Duration> retryAfter) {

        static Outcome delivered(int status) {
            return new Outcome(status, null, false, Optional.empty());
        }

        static Outcome retry(Integer status, String error, Optional<Duration> retryAfter) {
            return new Outcome(status, error, true, retryAfter);
        }

        static Outcome giveUp(Integer status, String error) {
            return new Outcome(status, error, false, Optional.empty());
        }

        boolean delivered() {
            return error == null;
        }
    }

    private Outcome attempt(ProjectCallbackRow callback, Instant at) {
        Target target;
        try {
            target = policy.target(callback.url());
        } catch (CallbackUrlPolicy.Refused refused) {
            return Outcome.giveUp(null, "the callback URL is not allowed now: it " + refused.reason());
        } catch (UnknownHostException unknown) {
            return Outcome.retry(null, "its host name does not resolve", Optional.empty());
        }
        byte[] body = callback.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Goblina-Callbacks/1");
        headers.put("webhook-id", callback.webhookId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", secrets.signatures(callback.tenantId(), callback.webhookId(), timestamp, body, clock));
        CallbackPost.Answer answer;
        try {
            answer = CallbackPost.send(target, headers, body, config.connectTimeout(), config.timeout());
        } catch (ConnectException | NoRouteToHostException refused) {
            return Outcome.retry(null, "could not connect to the receiver", Optional.empty());
        } catch (SocketTimeoutException slow) {
            return Outcome.retry(null, "no answer within " + config.timeout().toSeconds() + " s", Optional.empty());
        } catch (SSLException tls) {
            return Outcome.retry(null, "the TLS handshake with the receiver failed", Optional.empty());
        } catch (IOException broken) {
            // our own words about the answer, else the JDK's, which are not shown: they may name an address
            String why = broken.getMessage() != null && broken.getMessage().startsWith("the receiver")
                    ? broken.getMessage() : "the connection failed";
            return Outcome.retry(null, why, Optional.empty());
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return Outcome.delivered(status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Outcome.retry(status, "HTTP " + status, answer.retryAfter());
        }
        if (status >= 300 && status < 400) {
            return Outcome.giveUp(status, "HTTP " + status + ": redirects are not followed; give the final URL");
        }
        return Outcome.giveUp(status, "HTTP " + status);
    }

    private void settle(ProjectCallbackRow callback, int number, Instant at, Outcome outcome) {
        if (outcome.delivered()) {
            attempts.record(callback.projectId(), callback.tenantId(), number, at, outcome.status(), null, null);
            callbacks.markDelivered(callback.projectId(), callback.tenantId());
            LOG.info("Callback {} of project {} delivered at attempt {} (HTTP {})", callback.eventType(),
                    callback.projectId(), number, outcome.status());
            return;
        }
        Optional<Duration> scheduled = outcome.retryable() ? config.waitAfter(number) : Optional.empty();
        if (scheduled.isPresent()) {
            Duration wait = wait(scheduled.get(), outcome.retryAfter());
            Instant next = clock.instant().plus(wait);
            attempts.record(callback.projectId(), callback.tenantId(), number, at, outcome.status(), outcome.error(), next);
            callbacks.scheduleNext(callback.projectId(), callback.tenantId(), next);
            LOG.info("Callback {} of project {}: attempt {} of {} failed ({}); next in {} s", callback.eventType(),
                    callback.projectId(), number, config.attempts(), outcome.error(), wait.toSeconds());
            throw new TransientFailure("callback attempt " + number + " of " + config.attempts() + ": " + outcome.error(),
                    wait, null);
        }
        attempts.record(callback.projectId(), callback.tenantId(), number, at, outcome.status(), outcome.error(), null);
        String reason = outcome.retryable()
                ? "gave up after " + number + (number == 1 ? " attempt: " : " attempts: ") + outcome.error()
                : outcome.error();
        callbacks.markFailed(callback.projectId(), callback.tenantId(), reason);
        LOG.info("Callback {} of project {} given up: {}", callback.eventType(), callback.projectId(), reason);
        throw new PermanentFailure("callback: " + reason);
    }

    /** The scheduled wait plus up to a tenth at random, or the receiver's Retry-After when longer (within bounds). */
    private Duration wait(Duration scheduled, Optional<Duration> retryAfter) {
        long millis = scheduled.toMillis();
        Duration jittered = Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 10 + 1));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(jittered) > 0) {
            Duration longest = config.longestWait();
            return retryAfter.get().compareTo(longest) > 0 ? longest : retryAfter.get();
        }
        return jittered;
    }
}
