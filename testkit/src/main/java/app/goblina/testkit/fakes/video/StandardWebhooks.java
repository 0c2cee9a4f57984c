package app.goblina.testkit.fakes.video;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends webhooks the way OpenAI and Replicate do (Standard Webhooks): headers {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, keyed
 * with the base64-decoded part of a {@code whsec_} secret. Written independently of the application's verifier,
 * so a shared misunderstanding cannot make both sides agree.
 *
 * <p>Deliveries are synchronous (the caller waits for the receiver's answer), recorded with that answer, and can
 * be sent twice with the same id (a provider's retry) or with a stale timestamp (a replay).
 */
public final class StandardWebhooks {

    /** How the next deliveries go out. */
    public enum Mode {
        /** Once, signed, with the current timestamp. */
        ONCE,
        /** Twice with the same {@code webhook-id}, as a provider retrying after a lost answer. */
        TWICE,
        /** Once, correctly signed, but timestamped ten minutes ago. */
        STALE
    }

    /**
     * One delivery as sent, with the receiver's answer.
     *
     * @param status the receiver's HTTP status, or -1 when it could not be reached
     */
    public record Delivery(URI url, String webhookId, long timestamp, String body, int status) {
    }

    static final Duration STALE_BY = Duration.ofMinutes(10);

    private final byte[] key;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ONCE;

    /**
     * @param secret {@code whsec_<base64>}
     * @param clock  the fake's clock, which timestamps deliveries
     */
    public StandardWebhooks(String secret, Clock clock) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a webhook secret starts with whsec_");
        }
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        this.clock = clock;
    }

    /** A fresh random secret in the providers' format. */
    public static String newSecret() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Signs and posts {@code body} to {@code url}, once or twice according to the mode. */
    public void deliver(URI url, String body) {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        long timestamp = clock.instant().minus(mode == Mode.STALE ? STALE_BY : Duration.ZERO).getEpochSecond();
        int times = mode == Mode.TWICE ? 2 : 1;
        for (int i = 0; i < times; i++) {
            deliveries.add(post(url, id, timestamp, body));
        }
    }

    /** Sends an already-made delivery again, unchanged: what a provider's retry or an attacker's replay looks like. */
    public Delivery redeliver(Delivery earlier) {
        Delivery again = post(earlier.url(), earlier.webhookId(), earlier.timestamp(), earlier.body());
        deliveries.add(again);
        return again;
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The {@code webhook-signature} value for a delivery. */
    public String signature(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Delivery post(URI url, String id, long timestamp, String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature(id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Delivery(url, id, timestamp, body, status);
        } catch (IOException e) {
            return new Delivery(url, id, timestamp, body, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(url, id, timestamp, body, -1);
        }
    }
}
