package app.goblina.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fal's webhook signing keys, read from its JWKS ({@code keys[].x}: the raw 32-byte Ed25519 key, base64url, padded
 * or not) and cached. Thread-safe.
 */
@Singleton
public class FalWebhookKeys {

    private static final Logger LOG = LoggerFactory.getLogger(FalWebhookKeys.class);
    /** The DER header that makes a raw Ed25519 key an X.509 SubjectPublicKeyInfo. */
    private static final byte[] X509_ED25519 = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Duration REFETCH_AT_MOST_EVERY = Duration.ofMinutes(1);
    /** After a failed fetch, how long deliveries are refused before fal's keys are asked for again. */
    private static final Duration RETRY_FAILED_FETCH_AFTER = Duration.ofSeconds(10);
    private static final int MAX_JWKS_BYTES = 64 * 1024;

    private final FalWebhookConfig config;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private List<PublicKey> keys = List.of();
    private Instant fetchedAt = Instant.EPOCH;
    private Instant attemptedAt = Instant.EPOCH;

    public FalWebhookKeys(FalWebhookConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The cached keys, fetched first when none are held or they are older than the cache allows. */
    synchronized List<PublicKey> current() {
        Instant now = clock.instant();
        boolean due = keys.isEmpty() || now.isAfter(fetchedAt.plus(config.jwksCacheFor()));
        if (due && now.isAfter(attemptedAt.plus(RETRY_FAILED_FETCH_AFTER))) {
            fetch();
        }
        return keys;
    }

    /** Fetches again after a signature matched no cached key (fal rotated them), at most once a minute. */
    synchronized List<PublicKey> refreshed() {
        Instant now = clock.instant();
        if (now.isAfter(fetchedAt.plus(REFETCH_AT_MOST_EVERY)) && now.isAfter(attemptedAt.plus(RETRY_FAILED_FETCH_AFTER))) {
            fetch();
        }
        return keys;
    }

    private void fetch() {
        attemptedAt = clock.instant();
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(config.jwksUrl()).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200 || answer.body().length > MAX_JWKS_BYTES) {
                LOG.warn("fal's webhook keys could not be fetched from {}: HTTP {}", config.jwksUrl(), answer.statusCode());
                return;
            }
            List<PublicKey> read = new ArrayList<>();
            for (JsonNode key : json.readTree(answer.body()).path("keys")) {
                String x = key.path("x").asText("");
                if (!x.isEmpty()) {
                    read.add(publicKey(Base64.getUrlDecoder().decode(x.replace("=", ""))));
                }
            }
            keys = List.copyOf(read);
            fetchedAt = clock.instant();
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            LOG.warn("fal's webhook keys could not be read from {}: {}", config.jwksUrl(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new GeneralSecurityException("an Ed25519 key is 32 bytes, this one " + raw.length);
        }
        byte[] der = new byte[X509_ED25519.length + raw.length];
        System.arraycopy(X509_ED25519, 0, der, 0, X509_ED25519.length);
        System.arraycopy(raw, 0, der, X509_ED25519.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }
}
