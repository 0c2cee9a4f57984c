package app.goblina.api.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The signing secret of webhooks sent by a server of the Sora contract ({@code video.completed},
 * {@code video.failed}), bound from {@code goblina.sora.webhook-secret}; environment {@code SORA_WEBHOOK_SECRET}
 * (mapped in application.yml; {@code GOBLINA_SORA_WEBHOOK_SECRET} works too). Without one, deliveries to
 * {@code /v1/webhooks/openai} are refused, since none could be verified. {@link #toString()} masks it.
 *
 * @param webhookSecret {@code whsec_…} as the provider's dashboard shows it, or null
 */
@ConfigurationProperties("goblina.sora")
public record SoraWebhookConfig(@Nullable String webhookSecret) {

    public SoraWebhookConfig {
        webhookSecret = WebhookSecrets.checked("goblina.sora.webhook-secret", webhookSecret);
    }

    @Override
    public String toString() {
        return "SoraWebhookConfig[webhookSecret=" + (webhookSecret == null ? "unset" : "****") + "]";
    }
}
