package app.goblina.api.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The signing secret of Replicate's webhooks, bound from {@code goblina.replicate.webhook-secret}; environment
 * {@code REPLICATE_WEBHOOK_SECRET} (mapped in application.yml; {@code GOBLINA_REPLICATE_WEBHOOK_SECRET} works too).
 * Replicate shows it at {@code GET /v1/webhooks/default/secret}. Without one, deliveries to
 * {@code /v1/webhooks/replicate} are refused. {@link #toString()} masks it.
 *
 * @param webhookSecret {@code whsec_…}, or null
 */
@ConfigurationProperties("goblina.replicate")
public record ReplicateWebhookConfig(@Nullable String webhookSecret) {

    public ReplicateWebhookConfig {
        webhookSecret = WebhookSecrets.checked("goblina.replicate.webhook-secret", webhookSecret);
    }

    @Override
    public String toString() {
        return "ReplicateWebhookConfig[webhookSecret=" + (webhookSecret == null ? "unset" : "****") + "]";
    }
}
