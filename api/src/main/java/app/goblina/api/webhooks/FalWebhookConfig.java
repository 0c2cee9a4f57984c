package app.goblina.api.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * Where fal publishes the public keys its webhooks are signed with, bound from {@code goblina.fal.*}. No secret is
 * needed: fal signs with Ed25519 and anyone may check. Keys are cached for {@code jwksCacheFor}, and fetched again
 * (at most once a minute) when a delivery's signature matches none of them.
 *
 * @param jwksUrl      the JWKS, {@code https://rest.alpha.fal.ai/.well-known/jwks.json}
 * @param jwksCacheFor how long fetched keys are trusted, at most the 24 h fal allows
 */
@ConfigurationProperties("goblina.fal")
public record FalWebhookConfig(
        @NotNull @Bindable(defaultValue = "https://rest.alpha.fal.ai/.well-known/jwks.json") URI jwksUrl,
        @NotNull @Bindable(defaultValue = "24h") Duration jwksCacheFor) {

    public FalWebhookConfig {
        if (jwksCacheFor != null && (jwksCacheFor.isNegative() || jwksCacheFor.isZero() || jwksCacheFor.toHours() > 24)) {
            throw new IllegalArgumentException("goblina.fal.jwks-cache-for must be more than 0 and at most 24h, not " + jwksCacheFor);
        }
        if (jwksUrl != null && !"https".equals(jwksUrl.getScheme()) && !"http".equals(jwksUrl.getScheme())) {
            throw new IllegalArgumentException("goblina.fal.jwks-url must be an http(s) URL, not " + jwksUrl);
        }
    }
}
