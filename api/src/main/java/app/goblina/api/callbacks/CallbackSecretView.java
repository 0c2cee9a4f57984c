package app.goblina.api.callbacks;

import io.micronaut.core.annotation.Introspected;
import java.time.Instant;

/**
 * What {@code GET /v1/callbacks/secret} and its rotation answer: the secret completion callbacks are signed with.
 *
 * @param secret             {@code whsec_<base64>}, for a Standard Webhooks library or the check in README.md
 * @param createdAt          when the tenant's first secret was made
 * @param rotatedAt          when it was last replaced, or null
 * @param previousValidUntil until when callbacks are also signed with the replaced secret, or null
 */
@Introspected
public record CallbackSecretView(String secret, Instant createdAt, Instant rotatedAt, Instant previousValidUntil) {

    @Override
    public String toString() {
        return "CallbackSecretView[secret=****, createdAt=" + createdAt + ", rotatedAt=" + rotatedAt + "]";
    }
}
