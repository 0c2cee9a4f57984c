package app.goblina.api.webhooks;

import io.micronaut.core.annotation.Introspected;

/**
 * The body of a {@code 202} to a provider's webhook.
 *
 * @param outcome {@code enqueued} when the clip's poll was queued, {@code ignored} when the event is about nothing
 *                of ours (another environment's job, an event type we do not act on)
 */
@Introspected
public record WebhookReceipt(String outcome) {

    static final WebhookReceipt ENQUEUED = new WebhookReceipt("enqueued");
    static final WebhookReceipt IGNORED = new WebhookReceipt("ignored");
}
