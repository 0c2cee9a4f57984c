package app.goblina.worker.providers;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.clips.ClipJob;
import app.goblina.clips.VideoGenerator;
import app.goblina.testkit.fakes.replicate.FakeReplicateServer;
import app.goblina.testkit.fakes.sora.FakeSoraServer;
import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.LoopbackServer;
import app.goblina.testkit.fakes.video.ManualClock;
import app.goblina.testkit.fakes.video.Received;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.video.StandardWebhooks;
import app.goblina.webhooks.WebhookSignature;
import app.goblina.worker.clips.PollSchedule;
import app.goblina.worker.providers.replicate.ReplicateConfig;
import app.goblina.worker.providers.replicate.ReplicateVideoGenerator;
import app.goblina.worker.providers.sora.SoraConfig;
import app.goblina.worker.providers.sora.SoraVideoGenerator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one clip costs in provider calls when driven the way the poll job drives it ({@link PollSchedule}, the
 * provider's hint first), with and without webhooks, and how long after the render ends the file is ours. Time is
 * the fakes' clock, stepped a second at a time; a webhook (signed by the fake, verified here with the application's
 * {@link WebhookSignature}) triggers an immediate poll, as the API's webhook endpoint does.
 */
class ProviderCallsPerClipTest {

    private static final String SECRET = StandardWebhooks.newSecret();

    @TempDir
    Path work;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private LoopbackServer receiver;
    private ManualClock clock;
    /** When the fake's render of the clip ends: its queue time plus its render time after the create. */
    private Instant renderEnd;

    /** What a clip cost and how late its file arrived after the render finished. */
    record Cost(int creates, int polls, int downloads, Duration lateBy) {
    }

    @BeforeEach
    void startReceiver() {
        clock = ManualClock.startingNow();
        receiver = new LoopbackServer(request -> Reply.status(404))
                .route("POST", "/hooks/(?<provider>[a-z]+)", this::receive)
                .start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aSoraClipCostsOneCreateOneDownloadAndAPollPerHintedIntervalWithoutWebhooks() {
        try (FakeSoraServer sora = sora(false)) {
            Cost cost = drive(soraGenerator(sora), sora::advance, sora::creates, sora::polls, sora::downloads, false);
            report("sora, polling only", cost);

            assertThat(cost.creates()).isEqualTo(1);
            assertThat(cost.downloads()).isEqualTo(1);
            assertThat(cost.polls()).isBetween(6, 8);
            assertThat(cost.lateBy()).isLessThanOrEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void aSoraWebhookFetchesTheClipTheSecondItIsDoneForTheSameCalls() {
        try (FakeSoraServer sora = sora(true)) {
            Cost cost = drive(soraGenerator(sora), sora::advance, sora::creates, sora::polls, sora::downloads, true);
            report("sora, with webhooks", cost);

            assertThat(cost.creates()).isEqualTo(1);
            assertThat(cost.downloads()).isEqualTo(1);
            assertThat(cost.polls()).isBetween(6, 8);
            assertThat(cost.lateBy()).isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(sora.webhooks().orElseThrow().deliveries()).extracting(StandardWebhooks.Delivery::status)
                    .containsExactly(200);
        }
    }

    @Test
    void aReplicateClipCostsOneCreateOneDownloadAndBackedOffPollsWithoutWebhooks() {
        try (FakeReplicateServer replicate = replicate()) {
            Cost cost = drive(replicateGenerator(replicate, null), replicate::advance, replicate::creates, replicate::polls,
                    replicate::downloads, false);
            report("replicate, polling only", cost);

            assertThat(cost.creates()).isEqualTo(1);
            assertThat(cost.downloads()).isEqualTo(1);
            assertThat(cost.polls()).isBetween(6, 10);
            assertThat(cost.lateBy()).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void aReplicateWebhookFetchesTheClipTheSecondItIsDone() {
        try (FakeReplicateServer replicate = replicate()) {
            URI hook = URI.create("http://127.0.0.1:" + receiver.port() + "/hooks/replicate");
            Cost cost = drive(replicateGenerator(replicate, hook), replicate::advance, replicate::creates, replicate::polls,
                    replicate::downloads, true);
            report("replicate, with webhooks", cost);

            assertThat(cost.creates()).isEqualTo(1);
            assertThat(cost.downloads()).isEqualTo(1);
            assertThat(cost.polls()).isBetween(6, 10);
            assertThat(cost.lateBy()).isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(replicate.webhooks().orElseThrow().deliveries()).extracting(StandardWebhooks.Delivery::status)
                    .containsExactly(200);
        }
    }

    /** Submits, then polls on the schedule (and at once on a webhook) until done, then downloads. */
    private Cost drive(VideoGenerator generator, java.util.function.Consumer<Duration> advance, IntSupplier creates,
            IntSupplier polls, IntSupplier downloads, boolean webhooks) {
        ClipJob job = generator.submit(VideoContractMedia.request("Ms. Goblina takes an order", 4, 720, 1280));
        int attempt = 1;
        Instant nextPoll = clock.instant().plus(PollSchedule.delayBefore(attempt, job.suggestedPollDelay()));
        Instant finished = null;
        for (int second = 0; second < 600; second++) {
            advance.accept(Duration.ofSeconds(1));
            boolean hooked = webhooks && announced.contains(job.providerJobId());
            if (!hooked && clock.instant().isBefore(nextPoll)) {
                continue;
            }
            job = generator.status(job.providerJobId());
            if (job.isFinished()) {
                finished = clock.instant();
                break;
            }
            attempt++;
            nextPoll = clock.instant().plus(PollSchedule.delayBefore(attempt, job.suggestedPollDelay()));
        }
        assertThat(job.state()).isEqualTo(ClipJob.State.SUCCEEDED);
        generator.download(job, work.resolve("clip.mp4")); // as the poll job does, with the status just seen
        return new Cost(creates.getAsInt(), polls.getAsInt(), downloads.getAsInt(),
                Duration.between(renderEnd, finished));
    }

    private FakeSoraServer sora(boolean webhooks) {
        FakeSoraServer.Builder builder = FakeSoraServer.builder("sk-count", VideoContractMedia.video()).clock(clock)
                .queueFor(Duration.ofSeconds(5)).renderFor(Duration.ofSeconds(60)).pollAfter(Duration.ofSeconds(10));
        if (webhooks) {
            builder.webhooks(URI.create("http://127.0.0.1:" + receiver.port() + "/hooks/openai"), SECRET);
        }
        renderEnd = clock.instant().plusSeconds(65);
        return builder.start();
    }

    private FakeReplicateServer replicate() {
        renderEnd = clock.instant().plusSeconds(93);
        return FakeReplicateServer.builder("r8_count", VideoContractMedia.video()).clock(clock)
                .queueFor(Duration.ofSeconds(3)).renderFor(Duration.ofSeconds(90)).webhookSecret(SECRET).start();
    }

    private VideoGenerator soraGenerator(FakeSoraServer sora) {
        SoraConfig config = new SoraConfig("sk-count", null, sora.baseUrl(), "sora-2", SoraConfig.SizeStyle.SIZE,
                SoraConfig.BodyStyle.MULTIPART, false, List.of(4, 8, 12), List.of("720x1280", "1280x720"),
                List.of("9:16"), "720p", List.of(sora.downloadHost()), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 22, 1L << 26, 20, 5, Duration.ofMinutes(2));
        return new SoraVideoGenerator(config, clock);
    }

    private VideoGenerator replicateGenerator(FakeReplicateServer replicate, URI webhook) {
        ReplicateConfig config = new ReplicateConfig("r8_count", replicate.baseUrl(), "kwaivgi/kling-v2.5-turbo-pro", null,
                "duration", "aspect_ratio", List.of(5, 10), List.of("16:9", "9:16", "1:1"), webhook, 0,
                List.of(replicate.downloadHost()), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1 << 22, 1 << 25, 1L << 26, 3, Duration.ofMinutes(2), Duration.ofHours(1));
        return new ReplicateVideoGenerator(config, clock);
    }

    /** The API's webhook endpoint in miniature: verify, then note which provider job is done. */
    private Reply receive(Received request) {
        WebhookSignature signature = new WebhookSignature(SECRET, clock);
        WebhookSignature.Verdict verdict = signature.verify(request.header("webhook-id").orElse(null),
                request.header("webhook-timestamp").orElse(null), request.header("webhook-signature").orElse(null),
                request.body());
        if (verdict != WebhookSignature.Verdict.VALID) {
            return Reply.status(401);
        }
        Map<String, Object> body = FakeJson.parseObject(request.bodyText());
        Object id = request.pathParam("provider").equals("openai") ? ((Map<?, ?>) body.get("data")).get("id") : body.get("id");
        announced.add(String.valueOf(id));
        return Reply.status(200);
    }

    private static void report(String what, Cost cost) {
        System.out.printf("provider calls per clip, %s: %d create, %d polls, %d download; file ours %d s after the render ended%n",
                what, cost.creates(), cost.polls(), cost.downloads(), cost.lateBy().toSeconds());
    }
}
