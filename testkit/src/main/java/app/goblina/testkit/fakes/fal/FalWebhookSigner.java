package app.goblina.testkit.fakes.fal;

import app.goblina.testkit.fakes.FakeJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs webhooks as fal does: an Ed25519 signature (hex, {@code X-Fal-Webhook-Signature}) over {@code request_id
 * + "\n" + user_id + "\n" + timestamp + "\n" + sha256_hex(body)}, with the public key published in a JWKS
 * ({@code {"keys": [{"kty": "OKP", "crv": "Ed25519", "x": base64url}]}}).
 */
public final class FalWebhookSigner {

    /** The DER header of an X.509 Ed25519 public key; the raw 32-byte key follows it. */
    private static final int X509_HEADER = 12;

    private final KeyPair keys;
    private final String userId;

    public FalWebhookSigner(String userId) {
        try {
            this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
        this.userId = userId;
    }

    /** The JWKS document naming this signer's public key. */
    public String jwks() {
        byte[] encoded = keys.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, X509_HEADER, encoded.length);
        return FakeJson.write(FakeJson.object("keys", List.of(FakeJson.object("kty", "OKP", "crv", "Ed25519",
                "x", Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "kid", "fake-fal-key", "use", "sig"))));
    }

    /** The four headers of a delivery of {@code body} for {@code requestId}, signed at {@code at}. */
    public Map<String, String> headers(String requestId, byte[] body, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        String message = requestId + "\n" + userId + "\n" + timestamp + "\n" + sha256Hex(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Fal-Webhook-Request-Id", requestId);
        headers.put("X-Fal-Webhook-User-Id", userId);
        headers.put("X-Fal-Webhook-Timestamp", timestamp);
        headers.put("X-Fal-Webhook-Signature", HexFormat.of().formatHex(sign(message.getBytes(StandardCharsets.UTF_8))));
        return headers;
    }

    private byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keys.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
