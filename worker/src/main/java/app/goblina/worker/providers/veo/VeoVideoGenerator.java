package app.goblina.worker.providers.veo;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.clips.VideoGenerator;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.CappedBodies;
import app.goblina.worker.providers.http.DownloadHosts;
import app.goblina.worker.providers.http.JsonApi;
import app.goblina.worker.providers.http.ProviderHttp;
import app.goblina.worker.providers.http.VendorMessage;
import app.goblina.worker.providers.images.ReferenceFrames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Veo through the Gemini API's long-running video generation. Exists only when {@code goblina.veo.api-key}
 * is set.
 *
 * <ul>
 *   <li>{@link #submit}: {@code POST /models/{model}:predictLongRunning} with one instance (prompt, the character as
 *       the start {@code image} or as an {@code asset} reference image) and parameters ({@code aspectRatio} 9:16 or
 *       16:9, {@code durationSeconds} rounded to an allowed length, {@code resolution}, and the optional audio,
 *       negative prompt and person settings). The answer is an operation; its {@code name} is our job id.</li>
 *   <li>{@link #status}: {@code GET /{operation name}}: not done is RUNNING; done with
 *       {@code generateVideoResponse.generatedSamples[0].video.uri} is SUCCEEDED; done with an {@code error}, or
 *       with samples filtered by responsible-AI rules ({@code raiMediaFilteredReasons}), is FAILED with the reason.</li>
 *   <li>{@link #download}: looks the operation up again and streams the sample's URI with the key, following a
 *       redirect only to an allowed host. The file lives for a limited time (two days): the files API refusing it
 *       means it expired and the failure is permanent; the signed link it redirects to being refused only means
 *       that link aged, and the next try gets a fresh one.</li>
 *   <li>{@link #findEarlier}: the contract has no way to list operations by request, so the answer is UNSUPPORTED:
 *       after a crash or a timeout around the create, the clip waits for a person rather than pay twice.</li>
 *   <li>{@link #cancel}: the contract documents no cancel for video operations: a running generation finishes and
 *       is billed; nothing is deleted.</li>
 * </ul>
 */
@Singleton
@Requires(property = VeoConfig.API_KEY, pattern = VeoConfig.SET)
public class VeoVideoGenerator implements VideoGenerator {

    static final String PROVIDER = "veo";
    private static final Logger LOG = LoggerFactory.getLogger(VeoVideoGenerator.class);
    /** Operation names go into paths: anything else would let an answer steer our next request elsewhere. */
    private static final Pattern OPERATION = Pattern.compile("models/[A-Za-z0-9._-]{1,100}/operations/[A-Za-z0-9_-]{1,128}");
    /** Default wait after a rate limit that names none: Google's per-minute quotas refill within a minute. */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(30);
    private static final Set<Integer> LINK_REFUSALS = Set.of(401, 403, 404, 410);
    private static final int MAX_REDIRECTS = 3;

    private final VeoConfig config;
    private final ProviderHttp http;
    private final VeoFailureRules rules;
    private final DownloadHosts hosts;

    public VeoVideoGenerator(VeoConfig config, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), clock);
        this.rules = new VeoFailureRules(config.apiKey());
        this.hosts = new DownloadHosts(config.baseUrl(), config.downloadHosts());
    }

    @Override
    public String name() {
        return PROVIDER;
    }

    @Override
    public ClipJob submit(ClipRequest request) {
        String model = request.model() == null || request.model().isBlank() ? config.model() : request.model().strip();
        if (!model.matches("[A-Za-z0-9._-]+")) {
            throw new PermanentFailure("not a valid Veo model id");
        }
        ObjectNode body = body(request, config);
        HttpRequest create = authorized(config.endpoint("/models/" + model + ":predictLongRunning"),
                config.createTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .build();
        JsonNode operation = parse(send(create, model).body());
        String name = operation.path("name").asText("");
        if (!OPERATION.matcher(name).matches()) {
            throw new PermanentFailure("veo: the create answer names no operation");
        }
        LOG.info("Veo operation {} created for clip {} ({} {}s {})", name, request.idempotencyKey(), model,
                body.path("parameters").path("durationSeconds").asInt(), body.path("parameters").path("aspectRatio").asText());
        return toClipJob(operation);
    }

    @Override
    public ClipJob status(String providerJobId) {
        return toClipJob(operation(providerJobId));
    }

    @Override
    public void download(String providerJobId, Path target) {
        JsonNode operation = operation(providerJobId);
        ClipJob job = toClipJob(operation);
        if (job.state() != ClipJob.State.SUCCEEDED) {
            throw job.state() == ClipJob.State.FAILED ? new PermanentFailure("veo: " + job.failureReason())
                    : new TransientFailure("veo: operation " + providerJobId + " is not done yet");
        }
        fetch(URI.create(videoUri(operation)), target);
    }

    /** From the video link of the operation just polled, without asking for the operation again. */
    @Override
    public void download(ClipJob finished, Path target) {
        if (finished.output() == null) {
            download(finished.providerJobId(), target);
            return;
        }
        fetch(finished.output(), target);
    }

    /** Streams the video from the files API, following its redirect to a signed link (without our key). */
    private void fetch(URI first, Path target) {
        URI link = first;
        boolean withKey = true;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (!hosts.allows(link)) {
                throw new PermanentFailure("veo: the video is served from a host that is not allowed: " + link.getHost());
            }
            HttpRequest.Builder get = HttpRequest.newBuilder(link).timeout(config.downloadTimeout()).GET();
            if (withKey) {
                get.header("x-goog-api-key", config.apiKey());
            }
            try {
                HttpResponse<?> raw = http.send(get.build(), CappedBodies.toFile(target, config.maxVideoBytes()),
                        rules, config.downloadTimeout());
                int status = raw.statusCode();
                if (status >= 300 && status < 400) {
                    String location = raw.headers().firstValue("Location")
                            .orElseThrow(() -> new TransientFailure("veo: a redirect without a location"));
                    link = link.resolve(location);
                    withKey = false;
                    continue;
                }
                return;
            } catch (PermanentFailure refused) {
                if (refusedLink(refused) && withKey) {
                    throw new PermanentFailure("veo: the generated video is no longer available (its file expired)");
                }
                if (refusedLink(refused)) {
                    // the signed link the files API redirected to aged before it was used; the next try asks for a
                    // fresh one
                    throw new TransientFailure("veo: the video's signed download link was refused; a new one is asked for");
                }
                throw refused;
            }
        }
        throw new PermanentFailure("veo: too many redirects for the video download");
    }

    @Override
    public EarlierSubmission findEarlier(ClipRequest request, Instant intentRecordedAt,
            Predicate<String> claimedByAnotherClip) {
        return EarlierSubmission.unsupported("Veo (Gemini API) cannot list earlier video operations: whether the "
                + "create went through is unknown, and submitting again could pay twice");
    }

    @Override
    public void cancel(String providerJobId) {
        LOG.info("Veo operation {} not cancelled: the contract has no cancel for video generation; it will finish "
                + "and be billed", providerJobId);
    }

    /** The create body of {@code request}, as {@link #submit} sends it. */
    static ObjectNode body(ClipRequest request, VeoConfig config) {
        boolean portrait = request.height() >= request.width();
        ObjectNode body = JsonApi.JSON.createObjectNode();
        ObjectNode instance = body.putArray("instances").addObject();
        instance.put("prompt", request.prompt());
        if (request.referenceImage() != null) {
            if (config.imageMode() == VeoConfig.ImageMode.START_IMAGE) {
                int[] frame = frame(portrait, config.resolution());
                byte[] fitted = ReferenceFrames.fit(request.referenceImage(), frame[0], frame[1], request.palette(),
                        ReferenceFrames.Encoding.PNG);
                image(instance.putObject("image"), fitted, ReferenceFrames.Encoding.PNG.mediaType());
            } else {
                ObjectNode reference = instance.putArray("referenceImages").addObject();
                image(reference.putObject("image"), request.referenceImage(),
                        request.imageMediaType() == null ? "image/png" : request.imageMediaType());
                reference.put("referenceType", "asset");
            }
        }
        ObjectNode parameters = body.putObject("parameters");
        parameters.put("aspectRatio", portrait ? "9:16" : "16:9");
        parameters.put("durationSeconds", seconds(request.seconds(), config.allowedSeconds()));
        parameters.put("resolution", config.resolution());
        if (config.generateAudio() != null) {
            parameters.put("generateAudio", config.generateAudio());
        }
        if (config.negativePrompt() != null) {
            parameters.put("negativePrompt", config.negativePrompt());
        }
        if (config.personGeneration() != null) {
            parameters.put("personGeneration", config.personGeneration());
        }
        return body;
    }

    /** The allowed length nearest to {@code requested}; ties go longer, since assembly can trim but not stretch. */
    static int seconds(int requested, List<Integer> allowed) {
        int best = allowed.get(0);
        for (int candidate : allowed) {
            int distance = Math.abs(candidate - requested);
            int bestDistance = Math.abs(best - requested);
            if (distance < bestDistance || (distance == bestDistance && candidate > best)) {
                best = candidate;
            }
        }
        return best;
    }

    private static int[] frame(boolean portrait, String resolution) {
        int shortSide = Integer.parseInt(resolution.substring(0, resolution.length() - 1));
        int longSide = shortSide * 16 / 9;
        return portrait ? new int[] {shortSide, longSide} : new int[] {longSide, shortSide};
    }

    private static void image(ObjectNode node, byte[] bytes, String mediaType) {
        node.put("bytesBase64Encoded", Base64.getEncoder().encodeToString(bytes));
        node.put("mimeType", mediaType);
    }

    ClipJob toClipJob(JsonNode operation) {
        String name = operation.path("name").asText("");
        if (!operation.path("done").asBoolean(false)) {
            return new ClipJob(name, ClipJob.State.RUNNING, 0, null, config.pollInterval());
        }
        JsonNode error = operation.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String reason = error.path("message").asText("the generation failed");
            return new ClipJob(name, ClipJob.State.FAILED, 0,
                    VendorMessage.clean(reason, config.apiKey()), null);
        }
        JsonNode response = operation.path("response").path("generateVideoResponse");
        JsonNode samples = response.path("generatedSamples");
        if (samples.isArray() && !samples.isEmpty() && !samples.get(0).path("video").path("uri").asText("").isEmpty()) {
            return new ClipJob(name, ClipJob.State.SUCCEEDED, 100, null, null, link(videoUri(operation)));
        }
        JsonNode reasons = response.path("raiMediaFilteredReasons");
        String reason = reasons.isArray() && !reasons.isEmpty() ? reasons.get(0).asText()
                : "no video was returned";
        return new ClipJob(name, ClipJob.State.FAILED, 0, "blocked by Veo's safety filters: "
                + VendorMessage.clean(reason, config.apiKey()), null);
    }

    private static URI link(String uri) {
        try {
            return URI.create(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String videoUri(JsonNode operation) {
        return operation.path("response").path("generateVideoResponse").path("generatedSamples").get(0).path("video")
                .path("uri").asText();
    }

    private JsonNode operation(String providerJobId) {
        if (providerJobId == null || !OPERATION.matcher(providerJobId).matches()) {
            throw new PermanentFailure("not a valid Veo operation name");
        }
        HttpRequest get = authorized(config.endpoint("/" + providerJobId), config.requestTimeout()).GET().build();
        return parse(send(get, null).body());
    }

    private HttpResponse<String> send(HttpRequest request, String model) {
        try {
            return http.send(request, CappedBodies.text(config.maxResponseBytes()), rules, model);
        } catch (RateLimited limited) {
            if (limited.retryAfter().isPresent()) {
                throw limited;
            }
            throw new RateLimited(limited.getMessage(), DEFAULT_RATE_LIMIT_WAIT);
        }
    }

    private HttpRequest.Builder authorized(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("x-goog-api-key", config.apiKey())
                .header("Accept", "application/json");
    }

    private static boolean refusedLink(PermanentFailure failure) {
        String reason = failure.reason() == null ? "" : failure.reason();
        return LINK_REFUSALS.stream().anyMatch(status -> reason.contains("HTTP " + status));
    }

    private static String write(JsonNode body) {
        try {
            return JsonApi.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request built from JSON nodes always serialises", e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return JsonApi.JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new TransientFailure("veo: an answer that is not JSON");
        }
    }
}
