package app.goblina.testkit.fakes.fal;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.FakeVideoProvider;
import app.goblina.testkit.fakes.video.GenerationSettings;
import app.goblina.testkit.fakes.video.ManualClock;
import app.goblina.testkit.fakes.video.Received;
import app.goblina.testkit.fakes.video.RenderTimeline;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.video.WebhookEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A fake of fal's queue ({@code queue.fal.run}) and of the request history of its Platform API ({@code
 * api.fal.ai/v1}) on one free loopback port, for tests; see docs/providers/fal.md.
 *
 * <p>What it imitates: {@code Authorization: Key <key>} (401 otherwise); {@code POST /{endpoint}} queues any JSON
 * body and answers {@code request_id} with the status, response and cancel URLs, which name only {@code
 * owner/alias}; the request waits {@code IN_QUEUE} (with its position), runs {@code IN_PROGRESS} and ends {@code
 * COMPLETED} on the {@link ManualClock}; the result is the output ({@code video.url} on a second host) or the
 * model's 422 when the input does not fit the endpoint's {@link FalModel} or the prompt trips the content
 * checker; results are kept for {@link Builder#resultsKeptFor} (an hour); {@code PUT .../cancel} ends a queued or
 * running request; {@code GET /v1/models/requests/by-endpoint} lists requests with their payloads, newest end
 * first, finished ones only unless {@link Builder#historyListsUnfinished} (fal does not document whether it lists
 * the others).
 */
public final class FakeFalServer extends FakeVideoProvider<FakeFalServer.Endpoint, FalRequest> {

    /** The calls of the contract, for queuing faults. */
    public enum Endpoint { SUBMIT, STATUS, RESULT, CANCEL, HISTORY }

    /** Options with the service's defaults; every setter returns the builder. */
    public static final class Builder {
        private final String key;
        private final Path video;
        private ManualClock clock = ManualClock.startingNow();
        private Duration queueFor = Duration.ofSeconds(5);
        private Duration renderFor = Duration.ofSeconds(60);
        private Duration resultsKeptFor = Duration.ofHours(1);
        private Duration advanceOnEachPoll = Duration.ZERO;
        private boolean historyListsUnfinished;
        private final List<FalModel> models = new ArrayList<>(List.of(FalModel.klingTurboPro(), FalModel.seedancePro()));

        private Builder(String key, Path video) {
            this.key = Objects.requireNonNull(key);
            this.video = Objects.requireNonNull(video);
        }

        public Builder clock(ManualClock clock) { this.clock = clock; return this; }
        public Builder queueFor(Duration d) { this.queueFor = d; return this; }
        public Builder renderFor(Duration d) { this.renderFor = d; return this; }
        /** How long a completed request's result can be fetched. */
        public Builder resultsKeptFor(Duration d) { this.resultsKeptFor = d; return this; }
        public Builder advanceOnEachPoll(Duration d) { this.advanceOnEachPoll = d; return this; }
        /** The request history lists requests still queued or running too. */
        public Builder historyListsUnfinished(boolean lists) { this.historyListsUnfinished = lists; return this; }
        public Builder model(FalModel model) { this.models.add(model); return this; }

        public FakeFalServer start() {
            return new FakeFalServer(this);
        }
    }

    private final Duration resultsKeptFor;
    private final boolean historyListsUnfinished;
    private final Map<String, FalModel> models = new ConcurrentHashMap<>();
    private final Map<String, URI> outputLinks = new ConcurrentHashMap<>();
    private final java.util.Set<String> lostResults = ConcurrentHashMap.newKeySet();
    private final FalWebhookSigner signer = new FalWebhookSigner("fake-fal-user");
    private final Map<String, URI> webhookUrls = new ConcurrentHashMap<>();
    private final java.util.Set<String> announced = ConcurrentHashMap.newKeySet();
    private final List<Integer> webhookAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.net.http.HttpClient webhookClient = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    private FakeFalServer(Builder builder) {
        super(new GenerationSettings(builder.key, builder.video, builder.clock, builder.queueFor, builder.renderFor,
                builder.advanceOnEachPoll, null), Endpoint.class, request -> FalErrors.requestError(404,
                        "Path " + request.path() + " not found", null));
        this.resultsKeptFor = builder.resultsKeptFor;
        this.historyListsUnfinished = builder.historyListsUnfinished;
        builder.models.forEach(model -> models.put(model.endpoint(), model));
        api.route("GET", "/.well-known/jwks.json", request -> Reply.json(200, signer.jwks()))
                .route("GET", "/v1/models/requests/by-endpoint", this::history)
                .route("GET", "/(?<app>[^/]+/[^/]+)/requests/(?<id>[^/]+)/status", this::status)
                .route("PUT", "/(?<app>[^/]+/[^/]+)/requests/(?<id>[^/]+)/cancel", this::cancel)
                .route("GET", "/(?<app>[^/]+/[^/]+)/requests/(?<id>[^/]+)", this::result)
                .route("POST", "/(?<endpoint>[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)+)", this::submit)
                .start();
    }

    /**
     * @param key   the only key accepted
     * @param video the MP4 every completed request's output is
     */
    public static Builder builder(String key, Path video) {
        return new Builder(key, video);
    }

    /** The queue root an adapter is configured with, {@code http://127.0.0.1:<port>}. */
    public URI queueUrl() {
        return apiRoot();
    }

    /** The Platform API root, {@code http://127.0.0.1:<port>/v1}. */
    public URI platformUrl() {
        return URI.create(apiRoot() + "/v1");
    }

    /** Where fal's public webhook keys are published: {@code http://127.0.0.1:<port>/.well-known/jwks.json}. */
    public URI jwksUrl() {
        return URI.create(apiRoot() + "/.well-known/jwks.json");
    }

    /** The statuses our webhook receiver answered, one per delivery. */
    public List<Integer> webhookAnswers() {
        return List.copyOf(webhookAnswers);
    }

    /**
     * Moves the fake's time on, then sends each request that has ended and asked for one ({@code ?fal_webhook=})
     * its webhook, once: {@code {request_id, gateway_request_id, status: OK | ERROR, payload, error}}, signed.
     */
    @Override
    public void advance(Duration by) {
        super.advance(by);
        Instant now = clock.instant();
        for (FalRequest request : generations.oldestFirst()) {
            URI url = webhookUrls.get(request.id());
            if (url != null && request.finishedAt(now) && announced.add(request.id())) {
                deliver(url, request, now);
            }
        }
    }

    public int polls() {
        return requests(Endpoint.STATUS);
    }

    public int resultFetches() {
        return requests(Endpoint.RESULT);
    }

    public int historyReads() {
        return requests(Endpoint.HISTORY);
    }

    public int cancels() {
        return requests(Endpoint.CANCEL);
    }

    /** The completed request's result and output are gone, as after fal's retention. */
    public void forgetResult(String requestId) {
        lostResults.add(requestId);
    }

    /** The next {@code times} output downloads are refused with 403 although the output exists. */
    public void refuseNextDownloads(int times) {
        files.failNext(403, "AccessDenied", times);
    }

    /** The JSON input of the last request queued. */
    public Optional<Map<String, Object>> lastInput() {
        List<FalRequest> all = generations.oldestFirst();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast().input());
    }

    @Override
    protected boolean authenticated(Received request) {
        return request.header("authorization").orElse("").equals("Key " + apiKey());
    }

    @Override
    protected Reply unauthenticated() {
        return FalErrors.badKey();
    }

    @Override
    protected Optional<WebhookEvent> webhookFor(FalRequest request, Instant now) {
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private Reply submit(Received request) {
        return serve(request, Endpoint.SUBMIT, () -> {
            String endpoint = request.pathParam("endpoint");
            FalModel model = models.get(endpoint);
            if (model == null) {
                return FalErrors.requestError(404, "Application '" + endpoint + "' not found", null);
            }
            Object body;
            try {
                body = FakeJson.parse(request.bodyText());
            } catch (RuntimeException e) {
                return FalErrors.requestError(400, "Invalid JSON body", "bad_request");
            }
            if (!(body instanceof Map<?, ?> map)) {
                return FalErrors.modelError(422, List.of("body"), "Input should be a valid dictionary", "dict_type");
            }
            Map<String, Object> input = (Map<String, Object>) map;
            String id = UUID.randomUUID().toString();
            FalRequest queued = new FalRequest(id, endpoint, input, timelineFromNow(), check(model, input));
            generations.add(queued);
            String hook = request.query().get("fal_webhook");
            if (hook != null && !hook.isBlank()) {
                webhookUrls.put(id, URI.create(hook));
            }
            String app = queued.app();
            String base = apiRoot() + "/" + app + "/requests/" + id;
            return Reply.json(200, FakeJson.write(FakeJson.object("request_id", id, "response_url", base,
                    "status_url", base + "/status", "cancel_url", base + "/cancel", "queue_position", queuePosition(queued))));
        });
    }

    private Reply status(Received request) {
        return serve(request, Endpoint.STATUS, () -> {
            polled();
            return withRequest(request, queued -> {
                Instant now = clock.instant();
                String base = apiRoot() + "/" + queued.app() + "/requests/" + queued.id();
                Map<String, Object> answer = switch (queued.timeline().phaseAt(now)) {
                    case QUEUED -> FakeJson.object("status", "IN_QUEUE", "queue_position", queuePosition(queued),
                            "response_url", base);
                    case RENDERING -> FakeJson.object("status", "IN_PROGRESS", "response_url", base,
                            "logs", "1".equals(request.query().get("logs")) ? List.of(FakeJson.object("message",
                                    "Generating video...", "level", "INFO", "timestamp", now.toString())) : null);
                    case FINISHED -> FakeJson.object("status", "COMPLETED", "response_url", base, "metrics",
                            FakeJson.object("inference_time", queued.timeline().renderFor().toMillis() / 1000.0));
                };
                if (queued.finishedAt(now) && queued.failure() != null) {
                    answer.put("error", queued.failure().msg());
                    answer.put("error_type", queued.failure().type());
                }
                return Reply.json(200, FakeJson.write(answer));
            });
        });
    }

    private Reply result(Received request) {
        return serve(request, Endpoint.RESULT, () -> withRequest(request, queued -> {
            Instant now = clock.instant();
            if (!queued.finishedAt(now)) {
                return FalErrors.requestError(400, "Request is still in progress", null);
            }
            if (lostResults.contains(queued.id()) || !now.isBefore(queued.timeline().finishedAt().plus(resultsKeptFor))) {
                return FalErrors.notFound();
            }
            FalRequest.Failure failure = queued.failure();
            if (failure != null) {
                return failure.field() == null ? FalErrors.requestError(failure.status(), failure.msg(), failure.type())
                        : FalErrors.modelError(failure.status(), List.of("body", failure.field()), failure.msg(), failure.type());
            }
            URI link = outputLinks.computeIfAbsent(queued.id(), id -> files.plainLink(video(), "output.mp4",
                    queued.timeline().finishedAt().plus(resultsKeptFor)));
            return Reply.json(200, FakeJson.write(FakeJson.object("video", FakeJson.object("url", link.toString(),
                    "content_type", "video/mp4", "file_name", "output.mp4", "file_size", fileSize()))));
        }));
    }

    private Reply cancel(Received request) {
        return serve(request, Endpoint.CANCEL, () -> {
            Optional<FalRequest> found = find(request);
            if (found.isEmpty()) {
                return Reply.json(404, FakeJson.write(FakeJson.object("status", "NOT_FOUND")));
            }
            Instant now = clock.instant();
            if (found.get().finishedAt(now)) {
                return Reply.json(400, FakeJson.write(FakeJson.object("status", "ALREADY_COMPLETED")));
            }
            found.get().cancel(now);
            return Reply.json(202, FakeJson.write(FakeJson.object("status", "CANCELLATION_REQUESTED")));
        });
    }

    private Reply history(Received request) {
        return serve(request, Endpoint.HISTORY, () -> {
            String endpoint = request.query().get("endpoint_id");
            if (endpoint == null || endpoint.isBlank()) {
                return FalErrors.modelError(422, List.of("query", "endpoint_id"), "Field required", "missing");
            }
            int limit;
            try {
                limit = Integer.parseInt(request.query().getOrDefault("limit", "50"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                return FalErrors.modelError(422, List.of("query", "limit"), "Input should be between 1 and 100", "range");
            }
            Instant start = instant(request.query().get("start"));
            Instant end = instant(request.query().get("end"));
            boolean payloads = "payloads".equals(request.query().get("expand"));
            Instant now = clock.instant();
            List<FalRequest> listed = generations.oldestFirst().stream()
                    .filter(r -> r.endpoint().equals(endpoint))
                    .filter(r -> historyListsUnfinished || r.finishedAt(now))
                    .filter(r -> start == null || !r.sentAt().isBefore(start))
                    .filter(r -> end == null || r.sentAt().isBefore(end))
                    .sorted(Comparator.comparing((FalRequest r) -> r.finishedAt(now) ? r.timeline().finishedAt() : now).reversed())
                    .toList();
            int offset = request.query().containsKey("cursor") ? Integer.parseInt(request.query().get("cursor")) : 0;
            List<FalRequest> page = listed.subList(Math.min(offset, listed.size()), Math.min(listed.size(), offset + limit));
            List<Object> items = new ArrayList<>();
            for (FalRequest r : page) {
                boolean finished = r.finishedAt(now);
                Map<String, Object> item = FakeJson.object("request_id", r.id(), "endpoint_id", r.endpoint(),
                        "sent_at", r.sentAt().toString(), "started_at", r.timeline().startedAt().isAfter(now) ? null
                                : r.timeline().startedAt().toString(),
                        "ended_at", finished ? r.timeline().finishedAt().toString() : null,
                        "status_code", finished ? (r.failure() == null ? 200 : r.failure().status()) : null,
                        "duration", finished ? r.timeline().renderFor().toMillis() / 1000.0 : null);
                if (payloads) {
                    item.put("json_input", r.input());
                }
                items.add(item);
            }
            boolean more = offset + page.size() < listed.size();
            return Reply.json(200, FakeJson.write(FakeJson.object("items", items, "next_cursor",
                    more ? Integer.toString(offset + page.size()) : null, "has_more", more)));
        });
    }

    private void deliver(URI url, FalRequest request, Instant now) {
        FalRequest.Failure failure = request.failure();
        Object payload = failure == null ? FakeJson.object("video", FakeJson.object("url",
                outputLinks.computeIfAbsent(request.id(), id -> files.plainLink(video(), "output.mp4",
                        request.timeline().finishedAt().plus(resultsKeptFor))).toString(), "content_type", "video/mp4"))
                : FakeJson.object("detail", List.of(FakeJson.object("msg", failure.msg(), "type", failure.type())));
        byte[] body = FakeJson.write(FakeJson.object("request_id", request.id(), "gateway_request_id", request.id(),
                "status", failure == null ? "OK" : "ERROR", "payload", payload,
                "error", failure == null ? null : failure.msg())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest.Builder post = java.net.http.HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        signer.headers(request.id(), body, now).forEach(post::header);
        try {
            webhookAnswers.add(webhookClient.send(post.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (java.io.IOException e) {
            webhookAnswers.add(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the endpoint refuses {@code input} when it runs, or null when it takes it. */
    private FalRequest.Failure check(FalModel model, Map<String, Object> input) {
        if (!(input.get("prompt") instanceof String prompt) || prompt.isBlank()) {
            return new FalRequest.Failure(422, "prompt", "Field required", "missing");
        }
        if (!(input.get("image_url") instanceof String image) || !(image.startsWith("data:image/") || image.startsWith("https://"))) {
            return new FalRequest.Failure(422, "image_url", "Input should be a valid URL or data URI", "url_parsing");
        }
        Object duration = input.getOrDefault("duration", model.durations().getFirst());
        boolean typeOk = model.durationAsString() ? duration instanceof String : duration instanceof Number;
        if (!typeOk || !model.durations().contains(String.valueOf(duration))) {
            return new FalRequest.Failure(422, "duration", "Input should be " + String.join(" or ",
                    model.durations().stream().map(d -> model.durationAsString() ? "'" + d + "'" : d).toList()), "enum");
        }
        if (model.aspectRatioField() != null && input.containsKey(model.aspectRatioField())
                && !model.aspectRatios().contains(String.valueOf(input.get(model.aspectRatioField())))) {
            return new FalRequest.Failure(422, model.aspectRatioField(), "Input should be one of "
                    + model.aspectRatios(), "enum");
        }
        if (refuses(prompt)) {
            return new FalRequest.Failure(422, "prompt", FalErrors.CONTENT_FLAGGED, "content_policy_violation");
        }
        return null;
    }

    private int queuePosition(FalRequest request) {
        Instant now = clock.instant();
        return (int) generations.oldestFirst().stream()
                .filter(other -> other.timeline().phaseAt(now) == RenderTimeline.Phase.QUEUED)
                .takeWhile(other -> other != request).count();
    }

    private long fileSize() {
        try {
            return java.nio.file.Files.size(video());
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private Optional<FalRequest> find(Received request) {
        return generations.find(request.pathParam("id")).filter(r -> r.app().equals(request.pathParam("app")));
    }

    private Reply withRequest(Received request, Function<FalRequest, Reply> answer) {
        return find(request).map(answer).orElseGet(FalErrors::notFound);
    }

    private static Instant instant(String text) {
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }
}
