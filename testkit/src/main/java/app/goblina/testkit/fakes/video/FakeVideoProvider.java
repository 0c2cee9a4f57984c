package app.goblina.testkit.fakes.video;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The vendor-independent core of a video-provider fake: the generations it accepted and their clock-driven
 * renders, Bearer authentication, faults queued per endpoint (429s, 5xx, slow answers) or drawn from a
 * {@link FaultSource}, content-policy refusals by prompt marker, the {@link FileHost} that serves finished MP4s,
 * webhooks sent once per finished generation, and request counters. A vendor fake adds its routes on {@link #api},
 * the JSON shapes of its answers and errors, and which webhook a finished generation owes.
 *
 * <p>No real time passes unless a test queues a slow answer: renders move as {@link #advance} moves the clock.
 *
 * @param <E> the vendor's enum of endpoints, for faults and counters
 * @param <G> the vendor's generation type
 */
public abstract class FakeVideoProvider<E extends Enum<E>, G extends Generation> implements AutoCloseable {

    protected final ManualClock clock;
    protected final Generations<G> generations = new Generations<>();
    protected final FileHost files;
    /** The API host; the vendor adds its routes, then starts it. */
    protected final LoopbackServer api;
    private final GenerationSettings settings;
    private final FaultPlan<E> faults;
    private final EndpointCounts<E> requests;
    private final StandardWebhooks webhooks;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final List<String> refusedMarkers = new CopyOnWriteArrayList<>();
    private final AtomicInteger directDownloads = new AtomicInteger();

    /**
     * @param endpoints the vendor's endpoints
     * @param notFound  the answer, in the vendor's error shape, to a path no route serves
     */
    protected FakeVideoProvider(GenerationSettings settings, Class<E> endpoints, Function<Received, Reply> notFound) {
        if (!Files.isRegularFile(settings.video())) {
            throw new IllegalArgumentException("the fake serves " + settings.video() + ", which is not a file");
        }
        this.settings = settings;
        this.clock = settings.clock();
        this.faults = new FaultPlan<>(endpoints);
        this.requests = new EndpointCounts<>(endpoints);
        this.webhooks = settings.webhookSecret() == null ? null : new StandardWebhooks(settings.webhookSecret(), clock);
        this.files = new FileHost(clock);
        this.api = new LoopbackServer(notFound);
    }

    /** The vendor's answer to a request without the right Bearer key. */
    protected abstract Reply unauthenticated();

    /** The webhook {@code generation}, finished at {@code now}, owes; empty when it owes none. */
    protected abstract Optional<WebhookEvent> webhookFor(G generation, Instant now);

    /** Requests that reached the download host, to check what a client sent there. */
    public List<Received> downloadRequests() {
        return files.received();
    }

    /** The host finished videos are downloaded from. */
    public String downloadHost() {
        return files.host();
    }

    public ManualClock clock() {
        return clock;
    }

    /** Moves the fake's time on, then sends the webhooks of generations that finished meanwhile. */
    public void advance(Duration by) {
        clock.advance(by);
        announceFinished();
    }

    /** The next {@code times} requests to {@code endpoint} meet {@code fault}. */
    public void fail(E endpoint, Fault fault, int times) {
        faults.add(endpoint, fault, times);
    }

    public void fail(E endpoint, Fault fault) {
        fail(endpoint, fault, 1);
    }

    /** Once no queued fault is left for an endpoint, its calls ask {@code source} for one (null: none). */
    public void failRandomly(FaultSource<E> source) {
        faults.otherwise(source);
    }

    /** Downloads from the file host meet {@code fault}. */
    public void failDownloads(Fault fault, int times) {
        files.fail(fault, times);
    }

    /** As {@link #failRandomly}, for downloads from the file host. */
    public void failDownloadsRandomly(FaultSource<FileHost.Endpoint> source) {
        files.failRandomly(source);
    }

    /** Generations whose prompt contains {@code marker} end failed with the vendor's content-policy error. */
    public void refusePromptsContaining(String marker) {
        refusedMarkers.add(marker);
    }

    /** The webhook sender, to choose how deliveries go and see their answers; empty when none was configured. */
    public Optional<StandardWebhooks> webhooks() {
        return Optional.ofNullable(webhooks);
    }

    /** Generations created (2xx): what was paid for. */
    public int creates() {
        return generations.created();
    }

    /** Files sent whole, from the API host itself or from the file host. */
    public int downloads() {
        return directDownloads.get() + files.served();
    }

    @Override
    public void close() {
        api.close();
        files.close();
    }

    /** Counts the request, then answers it: authentication first, then a queued fault, then {@code answer}. */
    protected final Reply serve(Received request, E endpoint, Supplier<Reply> answer) {
        requests.add(endpoint);
        if (!authenticated(request)) {
            return unauthenticated();
        }
        return faults.answer(endpoint, answer);
    }

    /** Whether {@code request} carries the accepted key: {@code Authorization: Bearer <key>} unless a vendor differs. */
    protected boolean authenticated(Received request) {
        return request.header("authorization").orElse("").equals("Bearer " + settings.apiKey());
    }

    /** The one key the fake accepts. */
    protected final String apiKey() {
        return settings.apiKey();
    }

    /** Requests to {@code endpoint} so far, answered or not. */
    protected final int requests(E endpoint) {
        return requests.of(endpoint);
    }

    /** A render starting now, queued and rendering for the configured times. */
    protected final RenderTimeline timelineFromNow() {
        return new RenderTimeline(clock.instant(), settings.queueFor(), settings.renderFor());
    }

    /** Whether a generation with {@code prompt} is to fail on content policy. */
    protected final boolean refuses(String prompt) {
        return refusedMarkers.stream().anyMatch(prompt::contains);
    }

    /** A status poll: moves the clock on by the configured step, if any. */
    protected final void polled() {
        if (!settings.advanceOnEachPoll().isZero()) {
            advance(settings.advanceOnEachPoll());
        }
    }

    protected final Path video() {
        return settings.video();
    }

    /** The video itself as the answer, counted as a download. */
    protected final Reply videoFile() {
        directDownloads.incrementAndGet();
        return Reply.file("video/mp4", settings.video());
    }

    /** The API host's base, {@code http://127.0.0.1:<port>}. */
    protected final URI apiRoot() {
        return api.baseUrl();
    }

    /** Sends, once each, the webhooks owed by generations that have finished. */
    protected final void announceFinished() {
        if (webhooks == null) {
            return;
        }
        Instant now = clock.instant();
        for (G generation : generations.oldestFirst()) {
            if (generation.finishedAt(now) && !announced.contains(generation.id())) {
                webhookFor(generation, now).filter(event -> announced.add(generation.id()))
                        .ifPresent(event -> webhooks.deliver(event.url(), event.body()));
            }
        }
    }
}
