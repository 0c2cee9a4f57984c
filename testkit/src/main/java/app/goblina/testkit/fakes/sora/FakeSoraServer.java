package app.goblina.testkit.fakes.sora;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.testkit.fakes.video.FaultPlan;
import app.goblina.testkit.fakes.video.FileHost;
import app.goblina.testkit.fakes.video.LoopbackServer;
import app.goblina.testkit.fakes.video.ManualClock;
import app.goblina.testkit.fakes.video.Received;
import app.goblina.testkit.fakes.video.RenderTimeline;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.video.StandardWebhooks;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

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
public final class FakeSoraServer implements AutoCloseable {

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
    private final ManualClock clock;
    private final LoopbackServer server;
    private final FileHost files;
    private final StandardWebhooks webhooks;
    private final FaultPlan<Endpoint> faults = new FaultPlan<>(Endpoint.class);
    private final Map<String, SoraVideo> videos = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final List<String> refusedMarkers = new CopyOnWriteArrayList<>();
    private final List<SoraCreateRequest> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger contentRequests = new AtomicInteger();
    private final AtomicInteger directDownloads = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private final AtomicInteger lists = new AtomicInteger();
    private volatile Duration linkTtl;

    private FakeSoraServer(Options options) {
        if (!Files.isRegularFile(options.video())) {
            throw new IllegalArgumentException("the fake serves " + options.video() + ", which is not a file");
        }
        this.options = options;
        this.clock = options.clock();
        this.linkTtl = options.linkTtl();
        this.files = new FileHost(clock);
        this.webhooks = options.webhookUrl() == null ? null : new StandardWebhooks(options.webhookSecret(), clock);
        this.server = new LoopbackServer(request -> SoraErrors.notFound("Invalid URL (" + request.method() + " " + request.path() + ")"))
                .route("POST", "/v1/videos", this::create)
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
        return URI.create("http://127.0.0.1:" + server.port() + "/v1");
    }

    /** Requests that reached the download host, to check what a client sent there. */
    public List<Received> downloadRequests() {
        return files.received();
    }

    /** The host signed download links point at. */
    public String downloadHost() {
        return files.host();
    }

    public ManualClock clock() {
        return clock;
    }

    /** Moves the fake's time on, then sends the webhooks of videos that finished meanwhile. */
    public void advance(Duration by) {
        clock.advance(by);
        announceFinished();
    }

    /** The next {@code times} requests to {@code endpoint} meet {@code fault}. */
    public void fail(Endpoint endpoint, Fault fault, int times) {
        faults.add(endpoint, fault, times);
    }

    public void fail(Endpoint endpoint, Fault fault) {
        fail(endpoint, fault, 1);
    }

    /** Download requests meet {@code fault} at the signed-link host. */
    public void failDownloads(Fault fault, int times) {
        files.fail(fault, times);
    }

    /**
     * The next {@code times} signed links are refused as expired (403) when used, whatever their expiry says: a
     * link that aged between being handed out and being fetched.
     */
    public void expireNextDownloadLinks(int times) {
        files.fail(Fault.replyWith(new Reply(403, Map.of("Content-Type", "text/plain"),
                "AuthenticationFailed: Signed expiry time has passed".getBytes(java.nio.charset.StandardCharsets.UTF_8), null,
                null)), times);
    }

    /** Videos whose prompt contains {@code marker} end {@code failed} with {@code moderation_blocked}. */
    public void refusePromptsContaining(String marker) {
        refusedMarkers.add(marker);
    }

    /** Life of signed links issued from now on; zero makes every new link dead on arrival. */
    public void linkTtl(Duration ttl) {
        this.linkTtl = ttl;
    }

    /** The service forgets the video, as after its retention or a delete elsewhere: it answers 404 from now on. */
    public void forget(String videoId) {
        deleted.add(videoId);
    }

    /** The webhook sender, to choose how deliveries go and see their answers; empty when none was configured. */
    public Optional<StandardWebhooks> webhooks() {
        return Optional.ofNullable(webhooks);
    }

    /** The message a moderation failure carries. */
    public static String moderationMessage() {
        return SoraVideo.MODERATION_MESSAGE;
    }

    /** Creates accepted (2xx): what was paid for. */
    public int creates() {
        return creates.get();
    }

    /** {@code GET /videos/{id}} requests, answered or not. */
    public int polls() {
        return polls.get();
    }

    /** Files sent whole, directly or through a signed link. */
    public int downloads() {
        return directDownloads.get() + files.served();
    }

    /** {@code GET /videos/{id}/content} requests, answered or not. */
    public int contentRequests() {
        return contentRequests.get();
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
        return lists.get();
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

    @Override
    public void close() {
        server.close();
        files.close();
    }

    private Reply create(Received request) {
        return guarded(request, Endpoint.CREATE, () -> {
            SoraCreateRequest create;
            try {
                create = SoraCreateRequest.read(request, options);
            } catch (SoraCreateRequest.Invalid invalid) {
                return SoraErrors.invalid(invalid.getMessage(), invalid.param);
            }
            String id = "video_" + UUID.randomUUID().toString().replace("-", "");
            boolean refused = refusedMarkers.stream().anyMatch(create.prompt()::contains);
            SoraVideo video = new SoraVideo(id, create.effectiveModel(), create.prompt(),
                    options.aspectRatioStyle() ? null : create.effectiveSize(), create.aspectRatio(), create.resolution(),
                    create.effectiveSeconds(), new RenderTimeline(clock.instant(), options.queueFor(), options.renderFor()),
                    refused, options.keptFor());
            videos.put(id, video);
            order.add(id);
            accepted.add(create);
            creates.incrementAndGet();
            return videoReply(200, video);
        });
    }

    private Reply retrieve(Received request) {
        polls.incrementAndGet();
        return guarded(request, Endpoint.RETRIEVE, () -> {
            if (!options.advanceOnEachPoll().isZero()) {
                advance(options.advanceOnEachPoll());
            }
            return find(request).map(video -> videoReply(200, video)).orElseGet(this::videoNotFound);
        });
    }

    private Reply content(Received request) {
        contentRequests.incrementAndGet();
        return guarded(request, Endpoint.CONTENT, () -> {
            Optional<SoraVideo> found = find(request);
            if (found.isEmpty()) {
                return videoNotFound();
            }
            SoraVideo video = found.get();
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
                return Reply.redirect(files.signedLink(options.video(), video.id() + ".mp4", now.plus(linkTtl)).toString());
            }
            directDownloads.incrementAndGet();
            return Reply.file("video/mp4", options.video());
        });
    }

    private Reply list(Received request) {
        lists.incrementAndGet();
        return guarded(request, Endpoint.LIST, () -> {
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
            List<String> ids = new ArrayList<>(order.stream().filter(id -> !deleted.contains(id)).toList());
            if (orderParam.equals("desc")) {
                java.util.Collections.reverse(ids);
            }
            String after = request.query().get("after");
            int start = after == null ? 0 : ids.indexOf(after) + 1;
            if (after != null && start == 0) {
                return SoraErrors.invalid("Invalid 'after': no video " + after + ".", "after");
            }
            List<String> page = ids.subList(start, Math.min(ids.size(), start + limit));
            Instant now = clock.instant();
            List<Object> data = page.stream().map(id -> (Object) videos.get(id).json(now, options.secondsAsInteger())).toList();
            return Reply.json(200, FakeJson.write(FakeJson.object("object", "list", "data", data,
                    "first_id", page.isEmpty() ? null : page.getFirst(), "last_id", page.isEmpty() ? null : page.getLast(),
                    "has_more", start + page.size() < ids.size())));
        });
    }

    private Reply delete(Received request) {
        return guarded(request, Endpoint.DELETE, () -> {
            Optional<SoraVideo> found = find(request);
            if (found.isEmpty()) {
                return videoNotFound();
            }
            SoraVideo video = found.get();
            if (!video.finishedAt(clock.instant())) {
                return SoraErrors.invalid("Only completed or failed videos can be deleted; this one is "
                        + video.statusAt(clock.instant()) + ".", "video_id");
            }
            deleted.add(video.id());
            deletes.incrementAndGet();
            return Reply.json(200, FakeJson.write(FakeJson.object("id", video.id(), "object", "video.deleted", "deleted", true)));
        });
    }

    /** Authentication first, then a queued fault, then the real answer. */
    private Reply guarded(Received request, Endpoint endpoint, Supplier<Reply> answer) {
        String authorization = request.header("authorization").orElse("");
        if (!authorization.equals("Bearer " + options.apiKey())) {
            return SoraErrors.badKey();
        }
        Optional<Fault> fault = faults.take(endpoint);
        if (fault.isPresent() && fault.get().replacement() != null) {
            return fault.get().applyTo(null);
        }
        Reply reply = answer.get();
        return fault.map(f -> f.applyTo(reply)).orElse(reply);
    }

    private Optional<SoraVideo> find(Received request) {
        String id = request.pathParam("id");
        return deleted.contains(id) ? Optional.empty() : Optional.ofNullable(videos.get(id));
    }

    private Reply videoReply(int status, SoraVideo video) {
        Reply reply = Reply.json(status, FakeJson.write(video.json(clock.instant(), options.secondsAsInteger())));
        return options.pollAfter() == null ? reply
                : reply.withHeader("openai-poll-after-ms", Long.toString(options.pollAfter().toMillis()));
    }

    private Reply videoNotFound() {
        return SoraErrors.notFound("Video not found.");
    }

    private void announceFinished() {
        if (webhooks == null) {
            return;
        }
        Instant now = clock.instant();
        for (String id : order) {
            SoraVideo video = videos.get(id);
            if (video.finishedAt(now) && !deleted.contains(id) && announced.add(id)) {
                String type = video.completedAt(now) ? "video.completed" : "video.failed";
                String event = FakeJson.write(FakeJson.object("id", "evt_" + id.substring("video_".length()),
                        "object", "event", "created_at", video.timeline().finishedAt().getEpochSecond(), "type", type,
                        "data", FakeJson.object("id", id)));
                webhooks.deliver(options.webhookUrl(), event);
            }
        }
    }
}
