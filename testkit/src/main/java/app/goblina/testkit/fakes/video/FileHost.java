package app.goblina.testkit.fakes.video;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The second host of a video fake: where finished videos are downloaded from, as a CDN or object store serves
 * them. Its URLs name {@code localhost} while the API fakes answer on {@code 127.0.0.1}, so an adapter's list of
 * allowed download hosts is really exercised. Two kinds of link:
 * <ul>
 *   <li>signed ({@link #signedLink}): the expiry and an HMAC are in the query, as with S3 or Azure presigned URLs;
 *       an expired or altered link answers 403;</li>
 *   <li>plain ({@link #plainLink}): the file is deleted at its expiry and then answers 404, as Replicate's
 *       delivery host does an hour after a prediction.</li>
 * </ul>
 * Time is the fake's clock. Thread-safe.
 */
public final class FileHost implements AutoCloseable {

    /** The one endpoint, for queuing faults (a 5xx, a slow answer). */
    public enum Endpoint { FILE }

    private record Hosted(Path file, Instant deleteAt) {
    }

    private final Clock clock;
    private final byte[] signingKey = new byte[32];
    private final Map<String, Hosted> files = new ConcurrentHashMap<>();
    private final FaultPlan<Endpoint> faults = new FaultPlan<>(Endpoint.class);
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final LoopbackServer server;

    public FileHost(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(signingKey);
        this.server = new LoopbackServer(request -> Reply.status(404))
                .route("GET", "/signed/(?<token>[A-Za-z0-9-]+)/(?<name>[^/]+)", this::serveSigned)
                .route("GET", "/plain/(?<token>[A-Za-z0-9-]+)/(?<name>[^/]+)", this::servePlain)
                .start();
    }

    /** A link to {@code file} valid until {@code expiresAt}, carrying its own expiry and signature. */
    public URI signedLink(Path file, String name, Instant expiresAt) {
        String token = UUID.randomUUID().toString();
        files.put(token, new Hosted(file, Instant.MAX));
        long expires = expiresAt.getEpochSecond();
        return URI.create(base() + "/signed/" + token + "/" + name + "?expires=" + expires + "&sig=" + sign(token, expires));
    }

    /** A link to {@code file} that answers 404 from {@code deleteAt} on. */
    public URI plainLink(Path file, String name, Instant deleteAt) {
        String token = UUID.randomUUID().toString();
        files.put(token, new Hosted(file, deleteAt));
        return URI.create(base() + "/plain/" + token + "/" + name);
    }

    /** The next {@code times} downloads meet {@code fault}. */
    public void fail(Fault fault, int times) {
        faults.add(Endpoint.FILE, fault, times);
    }

    /** The next {@code times} downloads answer {@code status} with {@code message} as plain text. */
    public void failNext(int status, String message, int times) {
        fail(Fault.replyWith(text(status, message)), times);
    }

    /** Once no queued fault is left, downloads ask {@code source} for one (null: answer normally). */
    public void failRandomly(FaultSource<Endpoint> source) {
        faults.otherwise(source);
    }

    /** Files sent whole. */
    public int served() {
        return served.get();
    }

    /** Downloads refused because the link had expired, was altered, or the file was deleted. */
    public int refused() {
        return refused.get();
    }

    /** Every request the download host received, for checking what a client sent there (never its API key). */
    public List<Received> received() {
        return server.received();
    }

    public String host() {
        return "localhost";
    }

    @Override
    public void close() {
        server.close();
    }

    private String base() {
        return "http://" + host() + ":" + server.port();
    }

    private Reply serveSigned(Received request) {
        String token = request.pathParam("token");
        Hosted hosted = files.get(token);
        long expires;
        try {
            expires = Long.parseLong(request.query().getOrDefault("expires", ""));
        } catch (NumberFormatException e) {
            return refuse(403, "AuthenticationFailed: missing expiry");
        }
        String sig = request.query().getOrDefault("sig", "");
        boolean genuine = MessageDigest.isEqual(sig.getBytes(StandardCharsets.US_ASCII),
                sign(token, expires).getBytes(StandardCharsets.US_ASCII));
        if (hosted == null || !genuine) {
            return refuse(403, "AuthenticationFailed: signature mismatch");
        }
        if (!clock.instant().isBefore(Instant.ofEpochSecond(expires))) {
            return refuse(403, "AuthenticationFailed: Signed expiry time has passed");
        }
        return deliver(hosted);
    }

    private Reply servePlain(Received request) {
        Hosted hosted = files.get(request.pathParam("token"));
        if (hosted == null || !clock.instant().isBefore(hosted.deleteAt())) {
            return refuse(404, "Not Found");
        }
        return deliver(hosted);
    }

    private Reply deliver(Hosted hosted) {
        Reply reply = faults.answer(Endpoint.FILE, () -> Reply.file("video/mp4", hosted.file()));
        if (reply.status() == 200) {
            served.incrementAndGet();
        }
        return reply;
    }

    private Reply refuse(int status, String message) {
        refused.incrementAndGet();
        return text(status, message);
    }

    private static Reply text(int status, String message) {
        return new Reply(status, Map.of("Content-Type", "text/plain"), message.getBytes(StandardCharsets.UTF_8), null, null);
    }

    private String sign(String token, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((token + ":" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
