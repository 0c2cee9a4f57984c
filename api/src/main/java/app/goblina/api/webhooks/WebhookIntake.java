package app.goblina.api.webhooks;

import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PollClip;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.webhooks.WebhookSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a provider's webhook into the clip's poll, after making sure it is genuine and new.
 *
 * <p>In order: the signature over the raw body (401 when wrong, or when no secret is configured), the timestamp
 * (400 when more than five minutes off), the body (400 when unreadable), the clip (202 "ignored" when no clip of
 * ours has that provider job: another environment's, or a clip since deleted), the delivery id (409 when this
 * provider already sent it: a replay, or a retry of a delivery we took), then the poll: {@code PollClip} attempt
 * 0, whose job id is derived from the clip, so any number of deliveries for one clip queue one poll. The webhook
 * only says "look now"; the poll asks the provider itself, so a forged-but-signed body could not fake a result.
 *
 * <p>Blocking (database). Thrown {@link ApiException}s become problem documents.
 */
@Singleton
public class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events are small; a Replicate prediction echoes its input, our inline start frame included: some hundred kilobytes. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** Delivery ids are short ({@code msg_…}); a longer one is not a provider's and is not stored. */
    static final int MAX_ID_LENGTH = 200;

    private final ClipRepository clips;
    private final WebhookDeliveryRepository deliveries;
    private final JobQueue jobs;
    private final Clock clock;

    public WebhookIntake(ClipRepository clips, WebhookDeliveryRepository deliveries, JobQueue jobs, Clock clock) {
        this.clips = clips;
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * @param secret the provider's signing secret, or null when none is configured
     * @throws ApiException 400, 401, 409 or 413, as above
     */
    public WebhookReceipt receive(WebhookSource source, String secret, WebhookHeaders headers, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > MAX_BODY_BYTES) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Payload too large",
                    List.of(new FieldError("body", "is larger than " + MAX_BODY_BYTES + " bytes")));
        }
        verify(source, secret, headers, raw);
        return receiveVerified(source, headers.id(), raw);
    }

    /**
     * The part after the signature: for a provider whose deliveries were checked otherwise (fal's Ed25519), with
     * {@code deliveryId} what makes a delivery unique.
     *
     * @throws ApiException 400 or 409, as above
     */
    public WebhookReceipt receiveVerified(WebhookSource source, String deliveryId, byte[] raw) {
        Optional<String> providerJobId = providerJobId(source, raw);
        if (providerJobId.isEmpty()) {
            return WebhookReceipt.IGNORED;
        }
        List<ClipRow> matching = source.clips(clips, providerJobId.get());
        if (matching.isEmpty()) {
            LOG.info("Webhook {} from {} names job {}, which no clip here has: ignored", deliveryId, source.adapter(),
                    providerJobId.get());
            return WebhookReceipt.IGNORED;
        }
        deliveries.forgetOlderThan(2 * WebhookSignature.TOLERANCE.toSeconds());
        if (deliveries.recordIfNew(source.adapter(), deliveryId) == 0) {
            throw new ApiException(HttpStatus.CONFLICT, "Already received",
                    List.of(new FieldError("webhook-id", "this delivery was already received")));
        }
        try {
            for (ClipRow clip : matching) {
                jobs.enqueue(new PollClip(clip.tenantId(), clip.projectId(), clip.id(), 0, clock.instant()));
            }
        } catch (RuntimeException e) {
            // Forget the delivery, so the provider's retry is handled rather than refused as a replay.
            deliveries.forget(source.adapter(), deliveryId);
            throw e;
        }
        LOG.info("Webhook {} from {}: poll queued for clip(s) {}", deliveryId, source.adapter(),
                matching.stream().map(ClipRow::id).toList());
        return WebhookReceipt.ENQUEUED;
    }

    private void verify(WebhookSource source, String secret, WebhookHeaders headers, byte[] body) {
        if (secret == null) {
            LOG.warn("Webhook from {} refused: no signing secret is configured for it", source.adapter());
            throw unauthorized("no signing secret is configured for this provider, so no delivery can be verified");
        }
        if (headers.signature() == null || headers.signature().isBlank()) {
            throw unauthorized("is missing");
        }
        if (headers.id() == null || headers.id().isBlank() || headers.id().length() > MAX_ID_LENGTH) {
            throw ApiException.invalid("webhook-id", "is required, at most " + MAX_ID_LENGTH + " characters");
        }
        WebhookSignature.Verdict verdict = new WebhookSignature(secret, clock)
                .verify(headers.id(), headers.timestamp(), headers.signature(), body);
        switch (verdict) {
            case VALID -> { }
            case BAD_SIGNATURE -> throw unauthorized("does not match the body; the delivery is not from the provider");
            case MISSING_HEADERS, MALFORMED_TIMESTAMP ->
                    throw ApiException.invalid("webhook-timestamp", "is required, in seconds since 1970");
            case STALE_TIMESTAMP -> throw ApiException.invalid("webhook-timestamp",
                    "is more than " + WebhookSignature.TOLERANCE.toSeconds() + " s from now; a replayed or badly late delivery");
        }
    }

    private static Optional<String> providerJobId(WebhookSource source, byte[] body) {
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            throw ApiException.invalid("body", "is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw ApiException.invalid("body", "is not a JSON object");
        }
        return source.providerJobId(event);
    }

    private static ApiException unauthorized(String reason) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", List.of(new FieldError("webhook-signature", reason)));
    }
}
