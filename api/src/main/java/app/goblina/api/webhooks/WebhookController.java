package app.goblina.api.webhooks;

import app.goblina.api.docs.SignedWebhook;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Where providers call us back when a generation ends. No API key: these paths are outside the bearer filter, and
 * the provider's signature over the raw body is what authenticates a delivery (see {@link WebhookIntake}). The
 * body is taken as raw bytes, since a re-serialised body would no longer match its signature.
 *
 * <ul>
 *   <li>{@code POST /v1/webhooks/openai}: events of a server of the Sora contract, {@code video.completed} and
 *       {@code video.failed}, secret {@code goblina.sora.webhook-secret};</li>
 *   <li>{@code POST /v1/webhooks/replicate}: Replicate's {@code completed} event, the prediction itself, secret
 *       {@code goblina.replicate.webhook-secret};</li>
 *   <li>{@code POST /v1/webhooks/fal}: fal's end-of-request event, signed with Ed25519 by a key fal publishes
 *       ({@link FalWebhookVerifier}); a delivery is told apart by its request id and timestamp.</li>
 * </ul>
 *
 * <p>Answers 202 (queued or ignored), or a problem: 400 (stale timestamp, unreadable body), 401 (bad or missing
 * signature), 409 (a delivery id already received), 413 (an oversized body).
 */
@Controller("/v1/webhooks")
@SignedWebhook
public class WebhookController {

    private final WebhookIntake intake;
    private final SoraWebhookConfig sora;
    private final ReplicateWebhookConfig replicate;
    private final FalWebhookVerifier fal;

    public WebhookController(WebhookIntake intake, SoraWebhookConfig sora, ReplicateWebhookConfig replicate,
            FalWebhookVerifier fal) {
        this.intake = intake;
        this.sora = sora;
        this.replicate = replicate;
        this.fal = fal;
    }

    @Post(uri = "/fal", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<WebhookReceipt> fal(@Header("X-Fal-Webhook-Request-Id") @Nullable String requestId,
            @Header("X-Fal-Webhook-User-Id") @Nullable String userId,
            @Header("X-Fal-Webhook-Timestamp") @Nullable String timestamp,
            @Header("X-Fal-Webhook-Signature") @Nullable String signature, HttpRequest<byte[]> request) {
        byte[] body = request.getBody(byte[].class).orElse(new byte[0]);
        if (body.length > WebhookIntake.MAX_BODY_BYTES) {
            throw new app.goblina.api.problems.ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Payload too large",
                    java.util.List.of(new app.goblina.domain.FieldError("body", "is larger than "
                            + WebhookIntake.MAX_BODY_BYTES + " bytes")));
        }
        fal.verify(new FalWebhookVerifier.Headers(requestId, userId, timestamp, signature), body);
        return accepted(intake.receiveVerified(WebhookSource.FAL, requestId.strip() + "@" + timestamp.strip(), body));
    }

    @Post(uri = "/openai", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<WebhookReceipt> openai(@Header("webhook-id") @Nullable String id,
            @Header("webhook-timestamp") @Nullable String timestamp, @Header("webhook-signature") @Nullable String signature,
            HttpRequest<byte[]> request) {
        return accepted(intake.receive(WebhookSource.OPENAI, sora.webhookSecret(),
                new WebhookHeaders(id, timestamp, signature), request.getBody(byte[].class).orElse(null)));
    }

    @Post(uri = "/replicate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<WebhookReceipt> replicate(@Header("webhook-id") @Nullable String id,
            @Header("webhook-timestamp") @Nullable String timestamp, @Header("webhook-signature") @Nullable String signature,
            HttpRequest<byte[]> request) {
        return accepted(intake.receive(WebhookSource.REPLICATE, replicate.webhookSecret(),
                new WebhookHeaders(id, timestamp, signature), request.getBody(byte[].class).orElse(null)));
    }

    private static HttpResponse<WebhookReceipt> accepted(WebhookReceipt receipt) {
        return HttpResponse.<WebhookReceipt>status(HttpStatus.ACCEPTED).body(receipt);
    }
}
