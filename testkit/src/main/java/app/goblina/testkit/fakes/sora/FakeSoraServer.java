package app.goblina.testkit.fakes.sora;

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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake of the Sora Videos contract ({@code /v1/videos}, see PROVIDERS.md) on a free loopback port, for tests.
 *
 * <p>What it imitates: Bearer authentication (401 with the service's error); {@code POST /videos} validation as
 * the service does it (multipart fields, {@code seconds} and {@code size} values, the reference image's type and
 * that its size equals the requested frame), or the JSON variant some gateways take; the lifecycle
 * {@code queued → in_progress} (progress rising) {@code → completed | failed} driven by a {@link ManualClock};
 * content-policy failures ({@code moderation_blocked}) for prompts containing a marker; {@code openai-poll-after-ms}
 * on every video answer; downloads by a 302 to a signed link on a second host ({@code localhost}) that expires
 * after {@link Builder#linkTtl}, or served directly; videos that expire; listing newest first with {@code after}
 * cursors; {@code DELETE} for finished videos only; webhooks {@code video.completed} / {@code video.failed}
 * signed the Standard Webhooks way, sent when {@link #advance} moves a video past its finish.
 *
 * <p>Faults are queued per {@link Endpoint} with {@link #fail} (see {@link SoraErrors}). Counters let tests assert
 * what an adapter cost: {@link #creates()}, {@link #polls()}, {@link #downloads()}, {@link #deletes()},
 * {@link #lists()}. No real time passes unless a test queues a slow answer.
 */
public final class FakeSoraServer extends FakeVideoProvider<FakeSoraServer.Endpoint, SoraVideo> {

    /** The calls of the contract, for queuing faults. */
    public enum Endpoint { CREATE, RETRIEVE, CONTENT, LIST, DELETE }

    /** The gateway variants a server may speak. */
    public enum SizeStyle { SIZE, ASPECT_RATIO_RESOLUTION }

    /**
     * How the fake behaves; built with {@link FakeSoraServer#builder}.
     *
     * @param secondsAsInteger in the JSON variant, {@code seconds} must be a JSON integer (else a string)
     * @param jsonBody         creates are JSON with {@code image_urls} instead of multipart
     */
    public record Options(String apiKey, Path video, ManualClock clock, Duration queueFor, Duration renderFor,
            Duration pollAfter, Duration linkTtl, Duration keptFor, boolean redirectDownloads, SizeStyle sizeStyle,
            boolean jsonBody, boolean secondsAsInteger, List<String> models, List<String> seconds, List<String> sizes,
            List<String> aspectRatios, List<String> resolutions, Duration advanceOnEachPoll, URI webhookUrl,
            String webhookSecret) {

        boolean aspectRatioStyle() {
            return sizeStyle == SizeStyle.ASPECT_RATIO_RESOLUTION;
        }

        GenerationSettings generation() {
            return new GenerationSettings(apiKey, video, clock, queueFor, renderFor, advanceOnEachPoll,
                    webhookUrl == null ? null : webhookSecret);
        }
    }

    /** Options with the real service's defaults; every setter returns the builder. */
    public static final class Builder {
        private final String apiKey;
        private final Path video;
        private ManualClock clock = ManualClock.startingNow();
        private Duration queueFor = Duration.ofSeconds(5);
        private Duration renderFor = Duration.ofSeconds(60);
        private Duration pollAfter = Duration.ofSeconds(10);
        private Duration linkTtl = Duration.ofHours(1);
        private Duration keptFor = Duration.ofHours(24);
        private boolean redirectDownloads = true;
        private SizeStyle sizeStyle = SizeStyle.SIZE;
        private boolean jsonBody;
        private boolean secondsAsInteger;
        private List<String> models = List.of("sora-2", "sora-2-pro");
        private Duration advanceOnEachPoll = Duration.ZERO;
        private URI webhookUrl;
        private String webhookSecret;

        private Builder(String apiKey, Path video) {
            this.apiKey = Objects.requireNonNull(apiKey);
            this.video = Objects.requireNonNull(video);
        }

        public Builder clock(ManualClock clock) { this.clock = clock; return this; }
        /** Time a new video waits as {@code queued}. */
        public Builder queueFor(Duration d) { this.queueFor = d; return this; }
        /** Time from {@code in_progress} to finished. */
        public Builder renderFor(Duration d) { this.renderFor = d; return this; }
        /** The {@code openai-poll-after-ms} hint, or null to send none. */
        public Builder pollAfter(Duration d) { this.pollAfter = d; return this; }
        /** Life of a signed download link. */
        public Builder linkTtl(Duration d) { this.linkTtl = d; return this; }
        /** How long a completed video stays downloadable ({@code expires_at}). */
        public Builder keptFor(Duration d) { this.keptFor = d; return this; }
        /** false: {@code /content} answers with the bytes itself instead of a redirect. */
        public Builder redirectDownloads(boolean r) { this.redirectDownloads = r; return this; }
        public Builder sizeStyle(SizeStyle s) { this.sizeStyle = s; return this; }
        /** The gateway variant with a JSON create body, {@code seconds} as an integer or a string. */
        public Builder jsonBody(boolean secondsAsInteger) { this.jsonBody = true; this.secondsAsInteger = secondsAsInteger; return this; }
        public Builder models(List<String> m) { this.models = List.copyOf(m); return this; }
        /** Moves the clock on by this much at every {@code GET /videos/{id}}, for tests that only poll. */
        public Builder advanceOnEachPoll(Duration d) { this.advanceOnEachPoll = d; return this; }
        /** Where {@code video.completed} / {@code video.failed} events go, signed with {@code secret}. */
        public Builder webhooks(URI url, String secret) { this.webhookUrl = url; this.webhookSecret = secret; return this; }

        public FakeSoraServer start() {
            Options options = new Options(apiKey, video, clock, queueFor, renderFor, pollAfter, linkTtl, keptFor,
                    redirectDownloads, sizeStyle, jsonBody, secondsAsInteger, models, List.of("4", "8", "12"),
                    List.of("720x1280", "1280x720", "1024x1792", "1792x1024"), List.of("16:9", "9:16", "1:1"),
                    List.of("720p", "1080p"), advanceOnEachPoll, webhookUrl, webhookSecret);
            return new FakeSoraServer(options);
        }
    }

    private final Options options;
    private final List<SoraCreateRequest> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger deletes = new AtomicInteger();
    private volatile Duration linkTtl;

    private FakeSoraServer(Options options) {
        super(options.generation(), Endpoint.class,
                request -> SoraErrors.notFound("Invalid URL (" + request.method() + " " + request.path() + ")"));
        this.options = options;
        this.linkTtl = options.linkTtl();
        api.route("POST", "/v1/videos", this::create)
                .route("GET", "/v1/videos", this::list)
                .route("GET", "/v1/videos/(?<id>[^/]+)", this::retrieve)
                .route("GET", "/v1/videos/(?<id>[^/]+)/content", this::content)
                .route("DELETE", "/v1/videos/(?<id>[^/]+)", this::delete)
                .start();
    }

    /**
     * @param apiKey the only key accepted
     * @param video  the MP4 every completed video downloads as
     */
    public static Builder builder(String apiKey, Path video) {
        return new Builder(apiKey, video);
    }

    /** {@code http://127.0.0.1:<port>/v1}: the base URL an adapter is configured with. */
    public URI baseUrl() {
        return URI.create(apiRoot() + "/v1");
    }

    /**
     * The next {@code times} signed links are refused as expired (403) when used, whatever their expiry says: a
     * link that aged between being handed out and being fetched.
     */
    public void expireNextDownloadLinks(int times) {
        files.failNext(403, "AuthenticationFailed: Signed expiry time has passed", times);
    }

    /** Life of signed links issued from now on; zero makes every new link dead on arrival. */
    public void linkTtl(Duration ttl) {
        this.linkTtl = ttl;
    }

    /** The service forgets the video, as after its retention or a delete elsewhere: it answers 404 from now on. */
    public void forget(String videoId) {
        generations.forget(videoId);
    }

    /** The message a moderation failure carries. */
    public static String moderationMessage() {
        return SoraVideo.MODERATION_MESSAGE;
    }

    /** {@code GET /videos/{id}} requests, answered or not. */
    public int polls() {
        return requests(Endpoint.RETRIEVE);
    }

    /** {@code GET /videos/{id}/content} requests, answered or not. */
    public int contentRequests() {
        return requests(Endpoint.CONTENT);
    }

    /** Signed links refused because they had expired or were altered. */
    public int refusedLinks() {
        return files.refused();
    }

    /** {@code DELETE /videos/{id}} requests that deleted a video. */
    public int deletes() {
        return deletes.get();
    }

    /** {@code GET /videos} requests. */
    public int lists() {
        return requests(Endpoint.LIST);
    }

    /** The last accepted create, for assertions on what an adapter sent. */
    public Optional<AcceptedCreate> lastCreate() {
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        SoraCreateRequest last = accepted.getLast();
        return Optional.of(new AcceptedCreate(last.prompt(), last.effectiveModel(), last.effectiveSeconds(),
                options.aspectRatioStyle() ? null : last.effectiveSize(), last.aspectRatio(), last.resolution(),
                last.referenceType(), last.referenceSize() == null ? 0 : last.referenceSize().width,
                last.referenceSize() == null ? 0 : last.referenceSize().height));
    }

    /**
     * What an accepted create asked for.
     *
     * @param referenceType the reference image part's Content-Type, or null without one
     */
    public record AcceptedCreate(String prompt, String model, String seconds, String size, String aspectRatio,
            String resolution, String referenceType, int referenceWidth, int referenceHeight) {
    }

    private Reply create(Received request) {
        return serve(request, Endpoint.CREATE, () -> {
            SoraCreateRequest create;
            try {
                create = SoraCreateRequest.read(request, options);
            } catch (SoraCreateRequest.Invalid invalid) {
                return SoraErrors.invalid(invalid.getMessage(), invalid.param);
            }
            String id = "video_" + UUID.randomUUID().toString().replace("-", "");
            SoraVideo video = new SoraVideo(id, create.effectiveModel(), create.prompt(),
                    options.aspectRatioStyle() ? null : create.effectiveSize(), create.aspectRatio(), create.resolution(),
                    create.effectiveSeconds(), timelineFromNow(), refuses(create.prompt()), options.keptFor());
            generations.add(video);
            accepted.add(create);
            return videoReply(200, video);
        });
    }

    private Reply retrieve(Received request) {
        return serve(request, Endpoint.RETRIEVE, () -> {
            polled();
            return withVideo(request, video -> videoReply(200, video));
        });
    }

    private Reply content(Received request) {
        return serve(request, Endpoint.CONTENT, () -> withVideo(request, video -> {
            String variant = request.query().getOrDefault("variant", "video");
            if (!variant.equals("video")) {
                return SoraErrors.invalid("This fake only serves variant=video.", "variant");
            }
            Instant now = clock.instant();
            if (!video.completedAt(now)) {
                return SoraErrors.error(409, "Video is not ready yet; its status is " + video.statusAt(now) + ".",
                        "invalid_request_error", null, "video_not_ready");
            }
            if (!now.isBefore(video.expiresAt())) {
                return SoraErrors.error(404, "Video content has expired.", "invalid_request_error", null, "video_expired");
            }
            if (options.redirectDownloads()) {
                return Reply.redirect(files.signedLink(video(), video.id() + ".mp4", now.plus(linkTtl)).toString());
            }
            return videoFile();
        }));
    }

    private Reply list(Received request) {
        return serve(request, Endpoint.LIST, () -> {
            int limit;
            try {
                limit = Integer.parseInt(request.query().getOrDefault("limit", "20"));
            } catch (NumberFormatException e) {
                return SoraErrors.invalid("Invalid 'limit': must be an integer.", "limit");
            }
            if (limit < 1 || limit > 100) {
                return SoraErrors.invalid("Invalid 'limit': must be between 1 and 100.", "limit");
            }
            String orderParam = request.query().getOrDefault("order", "desc");
            if (!orderParam.equals("asc") && !orderParam.equals("desc")) {
                return SoraErrors.invalid("Invalid 'order': must be 'asc' or 'desc'.", "order");
            }
            List<SoraVideo> videos = orderParam.equals("desc") ? generations.newestFirst() : generations.oldestFirst();
            List<String> ids = videos.stream().map(SoraVideo::id).toList();
            String after = request.query().get("after");
            int start = after == null ? 0 : ids.indexOf(after) + 1;
            if (after != null && start == 0) {
                return SoraErrors.invalid("Invalid 'after': no video " + after + ".", "after");
            }
            List<SoraVideo> page = videos.subList(start, Math.min(videos.size(), start + limit));
            Instant now = clock.instant();
            List<Object> data = page.stream().map(video -> (Object) video.json(now, options.secondsAsInteger())).toList();
            return Reply.json(200, FakeJson.write(FakeJson.object("object", "list", "data", data,
                    "first_id", page.isEmpty() ? null : page.getFirst().id(),
                    "last_id", page.isEmpty() ? null : page.getLast().id(), "has_more", start + page.size() < ids.size())));
        });
    }

    private Reply delete(Received request) {
        return serve(request, Endpoint.DELETE, () -> withVideo(request, video -> {
            if (!video.finishedAt(clock.instant())) {
                return SoraErrors.invalid("Only completed or failed videos can be deleted; this one is "
                        + video.statusAt(clock.instant()) + ".", "video_id");
            }
            generations.forget(video.id());
            deletes.incrementAndGet();
            return Reply.json(200, FakeJson.write(FakeJson.object("id", video.id(), "object", "video.deleted", "deleted", true)));
        }));
    }

    @Override
    protected Reply unauthenticated() {
        return SoraErrors.badKey();
    }

    @Override
    protected Optional<WebhookEvent> webhookFor(SoraVideo video, Instant now) {
        String type = video.completedAt(now) ? "video.completed" : "video.failed";
        String event = FakeJson.write(FakeJson.object("id", "evt_" + video.id().substring("video_".length()),
                "object", "event", "created_at", video.timeline().finishedAt().getEpochSecond(), "type", type,
                "data", FakeJson.object("id", video.id())));
        return Optional.of(new WebhookEvent(options.webhookUrl(), event));
    }

    /** {@code answer} for the video the path names, or the service's 404 when there is none. */
    private Reply withVideo(Received request, Function<SoraVideo, Reply> answer) {
        return generations.find(request.pathParam("id")).map(answer).orElseGet(this::videoNotFound);
    }

    private Reply videoReply(int status, SoraVideo video) {
        Reply reply = Reply.json(status, FakeJson.write(video.json(clock.instant(), options.secondsAsInteger())));
        return options.pollAfter() == null ? reply
                : reply.withHeader("openai-poll-after-ms", Long.toString(options.pollAfter().toMillis()));
    }

    private Reply videoNotFound() {
        return SoraErrors.notFound("Video not found.");
    }
}
