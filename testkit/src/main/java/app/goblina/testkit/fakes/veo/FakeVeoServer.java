package app.goblina.testkit.fakes.veo;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.FakeVideoProvider;
import app.goblina.testkit.fakes.video.GenerationSettings;
import app.goblina.testkit.fakes.video.ManualClock;
import app.goblina.testkit.fakes.video.Received;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.video.WebhookEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake of Google Veo on the Gemini API ({@code /v1beta}) on a free loopback port, for tests.
 *
 * <p>What it imitates: the key in {@code x-goog-api-key} (or {@code ?key=}): none is 403 {@code PERMISSION_DENIED},
 * a wrong one 400 {@code INVALID_ARGUMENT} with reason {@code API_KEY_INVALID}; {@code POST
 * /v1beta/models/{model}:predictLongRunning} checked as the API checks a Veo 3.1 body ({@link VeoCreateRequest}),
 * an unknown model 404; the answer an operation {@code models/{model}/operations/{id}}; {@code GET} of it shows no
 * {@code done} while rendering (on the {@link ManualClock}) and, once done, the sample's file URI or, for a prompt
 * with a refused marker, the responsible-AI filter's {@code raiMediaFilteredReasons}; {@code GET
 * /v1beta/files/{id}:download?alt=media} with the key answers 302 to a signed link on a second host, or the bytes
 * directly; the file is gone (404) after {@link Builder#keptFor} (two days, as the API keeps generated videos).
 * There is no list of operations and no cancel: the contract has neither.
 *
 * <p>Faults are queued per {@link Endpoint} with {@link #fail} (see {@link VeoErrors}). Counters: {@link
 * #creates()}, {@link #polls()}, {@link #downloads()}.
 */
public final class FakeVeoServer extends FakeVideoProvider<FakeVeoServer.Endpoint, VeoOperation> {

    /** The calls of the contract, for queuing faults. */
    public enum Endpoint { CREATE, OPERATION, DOWNLOAD }

    /** Options with the real service's defaults; every setter returns the builder. */
    public static final class Builder {
        private final String apiKey;
        private final Path video;
        private ManualClock clock = ManualClock.startingNow();
        private Duration queueFor = Duration.ofSeconds(5);
        private Duration renderFor = Duration.ofSeconds(60);
        private Duration keptFor = Duration.ofDays(2);
        private Duration linkTtl = Duration.ofMinutes(10);
        private boolean redirectDownloads = true;
        private Duration advanceOnEachPoll = Duration.ZERO;
        private List<String> models = List.of("veo-3.1-generate-preview", "veo-3.1-fast-generate-preview",
                "veo-3.1-lite-generate-preview");

        private Builder(String apiKey, Path video) {
            this.apiKey = Objects.requireNonNull(apiKey);
            this.video = Objects.requireNonNull(video);
        }

        public Builder clock(ManualClock clock) { this.clock = clock; return this; }
        /** Time a new operation waits before it renders. */
        public Builder queueFor(Duration d) { this.queueFor = d; return this; }
        /** Time it renders before it is done. */
        public Builder renderFor(Duration d) { this.renderFor = d; return this; }
        /** How long a generated file stays downloadable. */
        public Builder keptFor(Duration d) { this.keptFor = d; return this; }
        /** Life of the signed link a download redirects to. */
        public Builder linkTtl(Duration d) { this.linkTtl = d; return this; }
        /** false: the files API answers with the bytes itself instead of a redirect. */
        public Builder redirectDownloads(boolean r) { this.redirectDownloads = r; return this; }
        /** Moves the clock on by this much at every operation lookup, for tests that only poll. */
        public Builder advanceOnEachPoll(Duration d) { this.advanceOnEachPoll = d; return this; }
        public Builder models(List<String> m) { this.models = List.copyOf(m); return this; }

        public FakeVeoServer start() {
            return new FakeVeoServer(this);
        }
    }

    private final Duration keptFor;
    private final Duration linkTtl;
    private final boolean redirectDownloads;
    private final Set<String> models;
    private final Set<String> lostFiles = ConcurrentHashMap.newKeySet();
    private final List<VeoCreateRequest> accepted = new CopyOnWriteArrayList<>();

    private FakeVeoServer(Builder builder) {
        super(new GenerationSettings(builder.apiKey, builder.video, builder.clock, builder.queueFor, builder.renderFor,
                builder.advanceOnEachPoll, null), Endpoint.class,
                request -> VeoErrors.notFound("Requested entity was not found. (" + request.method() + " " + request.path() + ")"));
        this.keptFor = builder.keptFor;
        this.linkTtl = builder.linkTtl;
        this.redirectDownloads = builder.redirectDownloads;
        this.models = Set.copyOf(builder.models);
        api.route("POST", "/v1beta/models/(?<model>[^/:]+):predictLongRunning", this::create)
                .route("GET", "/v1beta/(?<name>models/[^/:]+/operations/[^/:]+)", this::operation)
                .route("GET", "/v1beta/files/(?<file>[^/:]+):download", this::download)
                .start();
    }

    /**
     * @param apiKey the only key accepted
     * @param video  the MP4 every generated sample downloads as
     */
    public static Builder builder(String apiKey, Path video) {
        return new Builder(apiKey, video);
    }

    /** {@code http://127.0.0.1:<port>/v1beta}: the base URL an adapter is configured with. */
    public URI baseUrl() {
        return URI.create(apiRoot() + "/v1beta");
    }

    /** Operation lookups, answered or not. */
    public int polls() {
        return requests(Endpoint.OPERATION);
    }

    /** Download requests to the files API, answered or not (redirects included). */
    public int fileRequests() {
        return requests(Endpoint.DOWNLOAD);
    }

    /** The next {@code times} signed links are refused (403) when used, as a link that aged before it was fetched. */
    public void expireNextDownloadLinks(int times) {
        files.failNext(403, "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>", times);
    }

    /** The generated file of {@code operationName} is gone (past its retention): its download answers 404. */
    public void loseFile(String operationName) {
        generations.find(operationName).ifPresent(operation -> lostFiles.add(operation.fileId()));
    }

    /** The message a filtered sample carries. */
    public static String filteredReason() {
        return VeoOperation.FILTERED_REASON;
    }

    /**
     * What an accepted create asked for.
     *
     * @param imageKind {@code start}, {@code reference} or {@code none}
     */
    public record AcceptedCreate(String model, String prompt, String aspectRatio, int durationSeconds, String resolution,
            String imageKind, int referenceCount, int imageWidth, int imageHeight, Boolean generateAudio) {
    }

    private final List<String> acceptedModels = new CopyOnWriteArrayList<>();

    /** The last accepted create, for assertions on what an adapter sent. */
    public Optional<AcceptedCreate> lastCreate() {
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        VeoCreateRequest last = accepted.getLast();
        return Optional.of(new AcceptedCreate(acceptedModels.getLast(), last.prompt(), last.aspectRatio(),
                last.durationSeconds(), last.resolution(), last.imageKind(), last.referenceCount(),
                last.imageSize() == null ? 0 : last.imageSize().width, last.imageSize() == null ? 0 : last.imageSize().height,
                last.generateAudio()));
    }

    @Override
    protected boolean authenticated(Received request) {
        return apiKey().equals(request.header("x-goog-api-key").orElse(request.query().get("key")));
    }

    @Override
    protected Reply unauthenticated() {
        return VeoErrors.badKey();
    }

    @Override
    protected Optional<WebhookEvent> webhookFor(VeoOperation operation, Instant now) {
        return Optional.empty();
    }

    private Reply create(Received request) {
        if (request.header("x-goog-api-key").isEmpty() && !request.query().containsKey("key")) {
            return VeoErrors.noKey();
        }
        return serve(request, Endpoint.CREATE, () -> {
            String model = request.pathParam("model");
            if (!models.contains(model)) {
                return VeoErrors.notFound("models/" + model + " is not found for API version v1beta, or is not "
                        + "supported for predictLongRunning. Call ListModels to see the list of available models.");
            }
            VeoCreateRequest create;
            try {
                create = VeoCreateRequest.read(request.bodyText());
            } catch (VeoCreateRequest.Invalid invalid) {
                return VeoErrors.invalidArgument(invalid.getMessage());
            }
            String name = "models/" + model + "/operations/" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            generations.add(new VeoOperation(name, model, create.prompt(), create.aspectRatio(), create.durationSeconds(),
                    create.resolution(), timelineFromNow(), refuses(create.prompt()), keptFor));
            accepted.add(create);
            acceptedModels.add(model);
            return Reply.json(200, FakeJson.write(FakeJson.object("name", name)));
        });
    }

    private Reply operation(Received request) {
        return serve(request, Endpoint.OPERATION, () -> {
            polled();
            return generations.find(request.pathParam("name"))
                    .map(operation -> Reply.json(200, FakeJson.write(operation.json(clock.instant(), baseUrl()))))
                    .orElseGet(() -> VeoErrors.notFound("Requested entity was not found."));
        });
    }

    private Reply download(Received request) {
        return serve(request, Endpoint.DOWNLOAD, () -> {
            String fileId = request.pathParam("file");
            Instant now = clock.instant();
            Optional<VeoOperation> operation = generations.oldestFirst().stream()
                    .filter(candidate -> candidate.fileId().equals(fileId) && candidate.finishedAt(now) && !candidate.refused())
                    .findFirst();
            if (operation.isEmpty() || lostFiles.contains(fileId) || !now.isBefore(operation.get().fileExpiresAt())) {
                return VeoErrors.notFound("File " + fileId + " not found.");
            }
            if (!"media".equals(request.query().get("alt"))) {
                return VeoErrors.invalidArgument("Download requires alt=media.");
            }
            if (redirectDownloads) {
                return Reply.redirect(files.signedLink(video(), fileId + ".mp4", now.plus(linkTtl)).toString());
            }
            return videoFile();
        });
    }
}
