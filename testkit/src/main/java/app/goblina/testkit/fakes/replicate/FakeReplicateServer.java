package app.goblina.testkit.fakes.replicate;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.FakeVideoProvider;
import app.goblina.testkit.fakes.video.GenerationSettings;
import app.goblina.testkit.fakes.video.ManualClock;
import app.goblina.testkit.fakes.video.Received;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.video.WebhookEvent;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of Replicate's predictions API (see PROVIDERS.md) on a free loopback port, for tests.
 *
 * <p>What it imitates: Bearer authentication (401 problem); {@code POST /v1/models/{owner}/{name}/predictions}
 * validated against the hosted model's input schema ({@link ReplicateModel}: the image field, {@code duration}
 * and {@code aspect_ratio} values, no unknown inputs) with one 422 listing every problem; {@code Prefer: wait=N}
 * bounds (1–60; since the fake's clock only moves when a test moves it, a wait ends at once with the current
 * state); the lifecycle {@code starting → processing} (tqdm percentages in {@code logs}) {@code → succeeded |
 * failed}, driven by a {@link ManualClock}; content-policy failures (E005) for prompts containing a marker; an
 * output URL on a second host ({@code localhost}) deleted an hour after completion; {@code cancel};
 * {@code GET /v1/predictions} newest first with {@code next} cursors; the {@code completed} webhook signed the
 * Standard Webhooks way, sent when {@link #advance} moves a prediction past its end or it is cancelled.
 *
 * <p>Faults are queued per {@link Endpoint} with {@link #fail} (see {@link ReplicateErrors}). Counters:
 * {@link #creates()}, {@link #polls()}, {@link #downloads()}, {@link #cancels()}, {@link #lists()}.
 */
public final class FakeReplicateServer extends FakeVideoProvider<FakeReplicateServer.Endpoint, ReplicatePrediction> {

    /** The calls of the contract, for queuing faults. */
    public enum Endpoint { CREATE, GET, CANCEL, LIST }

    private static final Pattern PREFER_WAIT = Pattern.compile("wait(?:=(\\d+))?");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** Options with Replicate's behaviour by default; every setter returns the builder. */
    public static final class Builder {
        private final String apiToken;
        private final Path video;
        private final List<ReplicateModel> models = new ArrayList<>(List.of(ReplicateModel.kling(), ReplicateModel.seedance()));
        private ManualClock clock = ManualClock.startingNow();
        private Duration queueFor = Duration.ofSeconds(3);
        private Duration renderFor = Duration.ofSeconds(90);
        private Duration outputKeptFor = Duration.ofHours(1);
        private int pageSize = 100;
        private Duration advanceOnEachPoll = Duration.ZERO;
        private String webhookSecret;

        private Builder(String apiToken, Path video) {
            this.apiToken = Objects.requireNonNull(apiToken);
            this.video = Objects.requireNonNull(video);
        }

        public Builder clock(ManualClock c) { this.clock = c; return this; }
        /** Time a new prediction stays {@code starting} (a cold boot). */
        public Builder queueFor(Duration d) { this.queueFor = d; return this; }
        /** Time from {@code processing} to finished. */
        public Builder renderFor(Duration d) { this.renderFor = d; return this; }
        /** How long an output file stays downloadable after completion (Replicate: one hour). */
        public Builder outputKeptFor(Duration d) { this.outputKeptFor = d; return this; }
        /** Predictions per page of {@code GET /v1/predictions}. */
        public Builder pageSize(int n) { this.pageSize = n; return this; }
        public Builder model(ReplicateModel m) { this.models.add(m); return this; }
        /** Moves the clock on by this much at every {@code GET /v1/predictions/{id}}, for tests that only poll. */
        public Builder advanceOnEachPoll(Duration d) { this.advanceOnEachPoll = d; return this; }
        /** The account's webhook signing secret ({@code whsec_…}); without one, webhooks are not sent. */
        public Builder webhookSecret(String secret) { this.webhookSecret = secret; return this; }

        public FakeReplicateServer start() {
            return new FakeReplicateServer(this);
        }
    }

    private final Map<String, ReplicateModel> models = new ConcurrentHashMap<>();
    private final Duration outputKeptFor;
    private final int pageSize;
    private final List<Received> acceptedCreates = new CopyOnWriteArrayList<>();
    private final List<CreatedPrediction> created = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    private FakeReplicateServer(Builder builder) {
        super(new GenerationSettings(builder.apiToken, builder.video, builder.clock, builder.queueFor, builder.renderFor,
                builder.advanceOnEachPoll, builder.webhookSecret), Endpoint.class, request -> ReplicateErrors.notFound());
        builder.models.forEach(m -> models.put(m.name(), m));
        this.outputKeptFor = builder.outputKeptFor;
        this.pageSize = builder.pageSize;
        api.route("POST", "/v1/models/(?<owner>[^/]+)/(?<name>[^/]+)/predictions", this::create)
                .route("GET", "/v1/predictions", this::list)
                .route("GET", "/v1/predictions/(?<id>[a-z0-9]+)", this::get)
                .route("POST", "/v1/predictions/(?<id>[a-z0-9]+)/cancel", this::cancel)
                .start();
    }

    /**
     * @param apiToken the only token accepted
     * @param video    the MP4 every succeeded prediction outputs
     */
    public static Builder builder(String apiToken, Path video) {
        return new Builder(apiToken, video);
    }

    /** {@code http://127.0.0.1:<port>}: the base URL an adapter is configured with. */
    public URI baseUrl() {
        return apiRoot();
    }

    /** The next {@code times} output downloads answer 404, as a file the delivery host lost or has not got yet. */
    public void refuseNextDownloads(int times) {
        files.failNext(404, "Not Found", times);
    }

    public static String sensitiveError() {
        return ReplicatePrediction.SENSITIVE;
    }

    /** {@code GET /v1/predictions/{id}} requests. */
    public int polls() {
        return requests(Endpoint.GET);
    }

    /** {@code POST /v1/predictions/{id}/cancel} requests, answered or not. */
    public int cancels() {
        return requests(Endpoint.CANCEL);
    }

    /** {@code GET /v1/predictions} requests. */
    public int lists() {
        return requests(Endpoint.LIST);
    }

    /** The status a prediction has now, or empty for an unknown id. */
    public Optional<String> status(String id) {
        return generations.find(id).map(p -> p.statusAt(clock.instant()));
    }

    /** Every prediction created so far, in order: what was paid for, one entry per {@link #creates()}. */
    public List<CreatedPrediction> created() {
        return List.copyOf(created);
    }

    /** The body and headers of the last accepted create, for assertions on what an adapter sent. */
    public Optional<Received> lastCreate() {
        return acceptedCreates.isEmpty() ? Optional.empty() : Optional.of(acceptedCreates.getLast());
    }

    private Reply create(Received request) {
        return serve(request, Endpoint.CREATE, () -> {
            String modelName = request.pathParam("owner") + "/" + request.pathParam("name");
            ReplicateModel model = models.get(modelName);
            if (model == null) {
                return ReplicateErrors.notFound();
            }
            Optional<Reply> badPrefer = checkPrefer(request);
            if (badPrefer.isPresent()) {
                return badPrefer.get();
            }
            PredictionInput body;
            try {
                body = PredictionInput.read(request.bodyText(), model);
            } catch (PredictionInput.Invalid invalid) {
                return ReplicateErrors.problem(invalid.status, invalid.status == 422 ? "Input validation failed" : "Bad request",
                        invalid.getMessage(), invalid.fields);
            }
            String prompt = String.valueOf(body.input().get("prompt"));
            ReplicatePrediction prediction = new ReplicatePrediction(newId(), modelName, body.input(), body.webhook(),
                    body.webhookEvents(), timelineFromNow(), refuses(prompt));
            generations.add(prediction);
            acceptedCreates.add(request);
            created.add(new CreatedPrediction(prediction.id, modelName, prompt, clock.instant()));
            return predictionReply(201, prediction);
        });
    }

    private Reply get(Received request) {
        return serve(request, Endpoint.GET, () -> {
            polled();
            return generations.find(request.pathParam("id")).map(prediction -> predictionReply(200, prediction))
                    .orElseGet(ReplicateErrors::notFound);
        });
    }

    private Reply cancel(Received request) {
        return serve(request, Endpoint.CANCEL, () -> {
            Optional<ReplicatePrediction> found = generations.find(request.pathParam("id"));
            if (found.isEmpty()) {
                return ReplicateErrors.notFound();
            }
            ReplicatePrediction prediction = found.get();
            if (prediction.cancel(clock.instant())) {
                announceFinished();
            }
            return predictionReply(200, prediction);
        });
    }

    private Reply list(Received request) {
        return serve(request, Endpoint.LIST, () -> {
            List<ReplicatePrediction> newestFirst = generations.newestFirst();
            int start;
            try {
                start = Integer.parseInt(request.query().getOrDefault("cursor", "0"));
            } catch (NumberFormatException e) {
                return ReplicateErrors.problem(400, "Bad request", "Invalid cursor.");
            }
            int end = Math.min(newestFirst.size(), start + pageSize);
            Instant now = clock.instant();
            List<Object> results = newestFirst.subList(Math.min(start, end), end).stream()
                    .map(prediction -> (Object) json(prediction, now)).toList();
            String next = end < newestFirst.size() ? baseUrl() + "/v1/predictions?cursor=" + end : null;
            return Reply.json(200, FakeJson.write(FakeJson.object("previous", null, "next", next, "results", results)));
        });
    }

    private Optional<Reply> checkPrefer(Received request) {
        Optional<String> prefer = request.header("prefer");
        if (prefer.isEmpty()) {
            return Optional.empty();
        }
        Matcher wait = PREFER_WAIT.matcher(prefer.get().strip());
        if (!wait.matches()) {
            return Optional.of(ReplicateErrors.problem(400, "Bad request", "Invalid Prefer header: use wait or wait=N."));
        }
        if (wait.group(1) != null) {
            int seconds = Integer.parseInt(wait.group(1));
            if (seconds < 1 || seconds > 60) {
                return Optional.of(ReplicateErrors.problem(400, "Bad request",
                        "Invalid Prefer header: wait must be between 1 and 60 seconds."));
            }
        }
        return Optional.empty();
    }

    @Override
    protected Reply unauthenticated() {
        return ReplicateErrors.unauthenticated();
    }

    @Override
    protected Optional<WebhookEvent> webhookFor(ReplicatePrediction prediction, Instant now) {
        return prediction.webhook != null && prediction.webhookEvents.contains("completed")
                ? Optional.of(new WebhookEvent(prediction.webhook, FakeJson.write(json(prediction, now))))
                : Optional.empty();
    }

    private Reply predictionReply(int status, ReplicatePrediction prediction) {
        return Reply.json(status, FakeJson.write(json(prediction, clock.instant())));
    }

    private Map<String, Object> json(ReplicatePrediction prediction, Instant now) {
        URI output = prediction.succeededAt(now)
                ? prediction.output(() -> files.plainLink(video(), "output.mp4", prediction.completedAt().plus(outputKeptFor)))
                : null;
        return prediction.json(now, baseUrl(), output);
    }

    private String newId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
