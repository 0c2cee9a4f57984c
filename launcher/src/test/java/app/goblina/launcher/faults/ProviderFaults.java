package app.goblina.launcher.faults;

import app.goblina.testkit.fakes.replicate.FakeReplicateServer;
import app.goblina.testkit.fakes.replicate.ReplicateErrors;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.testkit.fakes.video.FileHost;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.video.SeededFaults;
import app.goblina.testkit.fakes.video.WallClockDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The provider of the run: {@link FakeReplicateServer} in this JVM, its clock moving with real time, a seeded share
 * of its calls (API and downloads) answered 429 with {@code Retry-After}, 5xx, or later than the workers' timeouts,
 * and prompts containing {@link #REFUSED_MARKER} refused as sensitive.
 */
final class ProviderFaults implements AutoCloseable {

    static final String TOKEN = "r8_faults_token";
    /** Prompts with this text end failed with Replicate's content-policy error (E005). */
    static final String REFUSED_MARKER = "contraband glitter";

    /** The workers' timeouts (their environment) and the fake's late answers, which exceed them. */
    static final Duration CREATE_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration LATE_BY = Duration.ofMillis(1500);

    private final FakeReplicateServer server;
    private final WallClockDriver clock;
    private final SeededFaults<FakeReplicateServer.Endpoint> apiFaults;
    private final SeededFaults<FileHost.Endpoint> downloadFaults;

    private ProviderFaults(FakeReplicateServer server, WallClockDriver clock,
            SeededFaults<FakeReplicateServer.Endpoint> apiFaults, SeededFaults<FileHost.Endpoint> downloadFaults) {
        this.server = server;
        this.clock = clock;
        this.apiFaults = apiFaults;
        this.downloadFaults = downloadFaults;
    }

    /**
     * @param video what every finished prediction outputs
     * @param rate  the share of calls that meet a fault
     */
    static ProviderFaults start(Path video, long seed, double rate) {
        FakeReplicateServer server = FakeReplicateServer.builder(TOKEN, video)
                .queueFor(Duration.ofSeconds(1))
                .renderFor(Duration.ofSeconds(3))
                .start();
        WallClockDriver clock = WallClockDriver.start(server::advance, Duration.ofMillis(100));
        SeededFaults<FakeReplicateServer.Endpoint> api = SeededFaults.builder(FakeReplicateServer.Endpoint.class, seed)
                .rate(rate)
                .throttled(seconds -> ReplicateErrors.throttled(seconds, true), 1, 2)
                .serverErrors(ReplicateErrors::serverError, List.of(500, 502, 503))
                .timeout(FakeReplicateServer.Endpoint.CREATE, CREATE_TIMEOUT.plus(LATE_BY))
                .timeout(FakeReplicateServer.Endpoint.GET, REQUEST_TIMEOUT.plus(LATE_BY))
                .timeout(FakeReplicateServer.Endpoint.LIST, REQUEST_TIMEOUT.plus(LATE_BY))
                .timeout(FakeReplicateServer.Endpoint.CANCEL, REQUEST_TIMEOUT.plus(LATE_BY))
                // A real provider takes a moment to answer; it also gives a kill a chance to land mid-call.
                .latency(Duration.ofMillis(50), Duration.ofMillis(400))
                .build();
        SeededFaults<FileHost.Endpoint> downloads = SeededFaults.builder(FileHost.Endpoint.class, seed + 1)
                .rate(rate)
                .serverErrors(status -> Fault.replyWith(Reply.status(status)), List.of(500, 503))
                .timeout(FileHost.Endpoint.FILE, DOWNLOAD_TIMEOUT.plus(LATE_BY))
                .latency(Duration.ofMillis(20), Duration.ofMillis(200))
                .build();
        server.failRandomly(api);
        server.failDownloadsRandomly(downloads);
        server.refusePromptsContaining(REFUSED_MARKER);
        return new ProviderFaults(server, clock, api, downloads);
    }

    FakeReplicateServer server() {
        return server;
    }

    /** Calls that met a fault, API and downloads together, by kind. */
    Map<SeededFaults.Kind, Integer> injected() {
        Map<SeededFaults.Kind, Integer> total = new EnumMap<>(apiFaults.injected());
        downloadFaults.injected().forEach((kind, n) -> total.merge(kind, n, Integer::sum));
        return total;
    }

    /** Provider calls, API and downloads together. */
    int calls() {
        return apiFaults.calls() + downloadFaults.calls();
    }

    @Override
    public void close() {
        clock.close();
        server.close();
    }
}
