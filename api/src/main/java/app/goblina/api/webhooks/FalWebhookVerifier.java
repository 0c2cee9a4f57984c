package app.goblina.api.webhooks;

import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a fal webhook before its body is parsed: the Ed25519 signature ({@code X-Fal-Webhook-Signature}, hex)
 * over {@code request_id + "\n" + user_id + "\n" + timestamp + "\n" + sha256_hex(raw body)} against fal's published
 * keys, and a timestamp within five minutes.
 */
@Singleton
public class FalWebhookVerifier {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final int MAX_HEADER_LENGTH = 200;

    private final FalWebhookKeys keys;
    private final Clock clock;

    public FalWebhookVerifier(FalWebhookKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The headers of one delivery, as sent. */
    public record Headers(String requestId, String userId, String timestamp, String signature) {
    }

    /**
     * @throws ApiException 400 for missing or stale headers, 401 for a signature that matches no key of fal's
     */
    public void verify(Headers headers, byte[] body) {
        String requestId = required("X-Fal-Webhook-Request-Id", headers.requestId());
        String userId = required("X-Fal-Webhook-User-Id", headers.userId());
        String timestamp = required("X-Fal-Webhook-Timestamp", headers.timestamp());
        String signatureHex = headers.signature() == null ? "" : headers.signature().strip();
        if (signatureHex.isEmpty()) {
            throw unauthorized("is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("X-Fal-Webhook-Timestamp", "must be in seconds since 1970");
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            throw ApiException.invalid("X-Fal-Webhook-Timestamp", "is more than " + TOLERANCE.toSeconds()
                    + " s from now; a replayed or badly late delivery");
        }
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(signatureHex);
        } catch (IllegalArgumentException e) {
            throw unauthorized("is not hex");
        }
        byte[] message = (requestId + "\n" + userId + "\n" + timestamp + "\n" + sha256Hex(body))
                .getBytes(StandardCharsets.UTF_8);
        if (!matches(keys.current(), message, signature) && !matches(keys.refreshed(), message, signature)) {
            throw unauthorized("matches none of fal's published keys; the delivery is not from fal");
        }
    }

    private static boolean matches(List<PublicKey> candidates, byte[] message, byte[] signature) {
        for (PublicKey key : candidates) {
            try {
                Signature check = Signature.getInstance("Ed25519");
                check.initVerify(key);
                check.update(message);
                if (check.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature matches no key
            }
        }
        return false;
    }

    private static String required(String header, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_HEADER_LENGTH) {
            throw ApiException.invalid(header, "is required, at most " + MAX_HEADER_LENGTH + " characters");
        }
        return value.strip();
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ApiException unauthorized(String reason) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized",
                List.of(new FieldError("X-Fal-Webhook-Signature", reason)));
    }
}
