package app.goblina.api.webhooks;

import app.goblina.webhooks.WebhookSignature;
import java.time.Clock;

/** Checks a configured signing secret at start-up, so a mistyped one fails the boot rather than every delivery. */
final class WebhookSecrets {

    private WebhookSecrets() {
    }

    /**
     * @return the secret, or null when it is unset or blank (an empty environment variable)
     * @throws IllegalArgumentException naming the property, never the secret, when it is not {@code whsec_<base64>}
     */
    static String checked(String property, String secret) {
        if (secret == null || secret.isBlank()) {
            return null;
        }
        try {
            new WebhookSignature(secret, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " is not a signing secret: " + e.getMessage());
        }
        return secret.strip();
    }
}
