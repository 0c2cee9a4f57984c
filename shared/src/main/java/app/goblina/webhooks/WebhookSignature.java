package app.goblina.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a webhook signed the Standard Webhooks way, which both OpenAI and Replicate use: headers
 * {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}, a space-separated
 * list of {@code v1,<base64 HMAC-SHA256>} over {@code "{id}.{timestamp}.{raw body}"}, keyed with the base64-decoded
 * part of a {@code whsec_…} secret. See https://www.standardwebhooks.com/ and PROVIDERS.md.
 *
 * <p>Pure computation, no I/O; thread-safe. The signature is checked before the timestamp, so
 * {@link Verdict#STALE_TIMESTAMP} is only ever said about a delivery the provider really signed. Comparisons are
 * constant-time. Neither the secret nor a signature ever appears in a message or {@link #toString()}.
 */
public final class WebhookSignature {

    /** How far a timestamp may be from our clock, either way: the window in which a captured delivery could be replayed. */
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1,";
    private static final String ALGORITHM = "HmacSHA256";

    /** What a verification found. */
    public enum Verdict {
        /** Signed with our secret, within the tolerance. */
        VALID,
        /** {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} is missing or blank. */
        MISSING_HEADERS,
        /** {@code webhook-timestamp} is not a number of seconds. */
        MALFORMED_TIMESTAMP,
        /** No {@code v1} signature matches: not from the provider, or the body was altered. */
        BAD_SIGNATURE,
        /** Correctly signed, but the timestamp is more than {@link #TOLERANCE} from now: a replay or a badly late retry. */
        STALE_TIMESTAMP
    }

    private final SecretKeySpec key;
    private final Clock clock;

    /**
     * @param secret {@code whsec_<base64>} as the provider shows it (the bare base64 part is accepted too)
     * @param clock  the clock timestamps are judged by
     * @throws IllegalArgumentException when the secret is blank or not base64 (the message never contains it)
     */
    public WebhookSignature(String secret, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        String encoded = secret.strip();
        if (encoded.startsWith(SECRET_PREFIX)) {
            encoded = encoded.substring(SECRET_PREFIX.length());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret is not whsec_ followed by base64");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /**
     * Checks one delivery.
     *
     * @param id         the {@code webhook-id} header, may be null
     * @param timestamp  the {@code webhook-timestamp} header, may be null
     * @param signatures the {@code webhook-signature} header, may be null
     * @param body       the raw request body, exactly as received (a re-serialised body would not match)
     */
    public Verdict verify(String id, String timestamp, String signatures, byte[] body) {
        if (isBlank(id) || isBlank(timestamp) || isBlank(signatures) || body == null) {
            return Verdict.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED_TIMESTAMP;
        }
        byte[] expected = mac(id, timestamp.strip(), body);
        if (!anyMatches(signatures, expected)) {
            return Verdict.BAD_SIGNATURE;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        return skew.compareTo(TOLERANCE) > 0 ? Verdict.STALE_TIMESTAMP : Verdict.VALID;
    }

    /**
     * The {@code webhook-signature} value for a delivery we send ourselves, e.g. a signed callback.
     *
     * @return {@code v1,<base64>}
     */
    public String sign(String id, long timestampSeconds, byte[] body) {
        return VERSION + Base64.getEncoder().encodeToString(mac(id, Long.toString(timestampSeconds), body));
    }

    private static boolean anyMatches(String signatures, byte[] expected) {
        boolean matched = false;
        for (String candidate : signatures.strip().split("\\s+")) {
            if (!candidate.startsWith(VERSION)) {
                continue; // other schemes (v1a: asymmetric) are not ours to check
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(VERSION.length()));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            // Every candidate is compared, with no early exit, so timing tells nothing about which one matched.
            matched |= MessageDigest.isEqual(given, expected);
        }
        return matched;
    }

    private byte[] mac(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "WebhookSignature[secret hidden]";
    }
}
