package app.goblina.webhooks;

import app.goblina.persistence.CallbackSecretRepository;
import app.goblina.persistence.CallbackSecretRow;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Each tenant's secret for signing its completion callbacks, the Standard Webhooks way: {@code whsec_} and the
 * base64 of 32 random bytes, made the first time it is needed (the tenant reads it, or a callback is signed) and
 * kept in PostgreSQL so every API replica and worker signs with the same one. A rotation keeps the replaced secret
 * for {@link #PREVIOUS_VALID_FOR}, and callbacks carry a signature with each meanwhile ({@code webhook-signature} is
 * a list), so a receiver that switches within that time loses nothing. A secret is never logged.
 */
@Singleton
public class CallbackSecrets {

    /** How long callbacks are also signed with a secret that was rotated away. */
    public static final Duration PREVIOUS_VALID_FOR = Duration.ofHours(24);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;

    private final CallbackSecretRepository secrets;

    public CallbackSecrets(CallbackSecretRepository secrets) {
        this.secrets = secrets;
    }

    /** The tenant's secret, made now if it has none yet. */
    public CallbackSecretRow current(UUID tenantId) {
        return secrets.findByTenant(tenantId).orElseGet(() -> {
            secrets.insertIfAbsent(tenantId, newSecret());
            // another replica may have made one at the same moment: whichever was inserted is the secret
            return secrets.findByTenant(tenantId).orElseThrow();
        });
    }

    /** Replaces the tenant's secret; the replaced one still signs callbacks for {@link #PREVIOUS_VALID_FOR}. */
    public CallbackSecretRow rotate(UUID tenantId, Instant now) {
        if (secrets.findByTenant(tenantId).isEmpty() && secrets.insertIfAbsent(tenantId, newSecret()) == 1) {
            return secrets.findByTenant(tenantId).orElseThrow(); // the first secret: nothing to replace
        }
        secrets.rotate(tenantId, newSecret(), now.plus(PREVIOUS_VALID_FOR));
        return secrets.findByTenant(tenantId).orElseThrow();
    }

    /**
     * The {@code webhook-signature} value for one attempt: {@code v1,<base64>} with the current secret, followed by
     * one with the previous secret while it is still valid.
     */
    public String signatures(UUID tenantId, String webhookId, long timestampSeconds, byte[] body, Clock clock) {
        CallbackSecretRow row = current(tenantId);
        String signatures = new WebhookSignature(row.secret(), clock).sign(webhookId, timestampSeconds, body);
        if (row.previousSecret() != null && row.previousUntil() != null && row.previousUntil().isAfter(clock.instant())) {
            signatures += " " + new WebhookSignature(row.previousSecret(), clock).sign(webhookId, timestampSeconds, body);
        }
        return signatures;
    }

    static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
