package app.goblina.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestRedis;
import app.goblina.redis.RedisCommandsProvider;
import app.goblina.redis.RedisConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limiter against a real Redis; each test uses a provider name of its own so tests never share counters. */
class ProviderRateLimiterTest {

    /** 20 s into a minute, so a denial says "come back in 40 s". */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:20Z"), ZoneOffset.UTC);
    private final String provider = "p" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisCommandsProvider redisA = new RedisCommandsProvider(new RedisConfig(TestRedis.uri().toString(), Duration.ofSeconds(2)));
    private final RedisCommandsProvider redisB = new RedisCommandsProvider(new RedisConfig(TestRedis.uri().toString(), Duration.ofSeconds(2)));

    @AfterEach
    void close() {
        redisA.close();
        redisB.close();
    }

    @Test
    void requestsOverThePerMinuteLimitAreToldWhenTheNextMinuteStarts() {
        ProviderRateLimiter limiter = limiter(redisA, "rpm:3");

        assertThat(limiter.request(provider, "m").granted()).isTrue();
        assertThat(limiter.request(provider, "m").granted()).isTrue();
        assertThat(limiter.request(provider, "m").granted()).isTrue();
        Permit fourth = limiter.request(provider, "m");

        assertThat(fourth.granted()).isFalse();
        assertThat(fourth.retryIn()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void twoWorkersShareOneLimit() {
        ProviderRateLimiter workerA = limiter(redisA, "rpm:2");
        ProviderRateLimiter workerB = limiter(redisB, "rpm:2");

        assertThat(workerA.request(provider, "m").granted()).isTrue();
        assertThat(workerB.request(provider, "m").granted()).isTrue();

        assertThat(workerA.request(provider, "m").granted()).isFalse();
        assertThat(workerB.request(provider, "m").granted()).isFalse();
    }

    @Test
    void generationSlotsAreHeldUntilReleasedAndRenewingAHeldSlotIsFree() {
        ProviderRateLimiter limiter = limiter(redisA, "concurrent:2");

        assertThat(limiter.generation(provider, "m", "clip-1").granted()).isTrue();
        assertThat(limiter.generation(provider, "m", "clip-2").granted()).isTrue();
        assertThat(limiter.generation(provider, "m", "clip-1").granted()).as("renewal").isTrue();
        Permit third = limiter.generation(provider, "m", "clip-3");
        assertThat(third.granted()).isFalse();
        assertThat(third.retryIn()).isEqualTo(ProviderRateLimiter.SLOT_RETRY);

        limiter.release(provider, "m", "clip-1");

        assertThat(limiter.generation(provider, "m", "clip-3").granted()).isTrue();
    }

    @Test
    void aClipToldToWaitForTheMinutesRequestsDoesNotSitOnAGenerationSlot() {
        ProviderRateLimiter limiter = limiter(redisA, "rpm:1,concurrent:1");
        assertThat(limiter.request(provider, "m").granted()).as("the minute's one request").isTrue();

        Permit waiting = limiter.generation(provider, "m", "clip-1");

        assertThat(waiting.granted()).isFalse();
        assertThat(waiting.retryIn()).isEqualTo(Duration.ofSeconds(40));
        assertThat(limiter.heldSlots().stream().filter(slot -> slot.provider().equals(provider)))
                .as("no slot kept while waiting").isEmpty();
    }

    @Test
    void heldSlotsNameEveryHolderWithItsProviderAndModel() {
        ProviderRateLimiter limiter = limiter(redisA, "concurrent:3");
        limiter.generation(provider, "m", "clip-1");
        limiter.generation(provider, "other-model", "clip-2");
        limiter.generation(provider, null, "clip-3");

        var mine = limiter.heldSlots().stream().filter(slot -> slot.provider().equals(provider)).toList();

        assertThat(mine).containsExactlyInAnyOrder(new ProviderRateLimiter.HeldSlot(provider, "m", "clip-1"),
                new ProviderRateLimiter.HeldSlot(provider, "other-model", "clip-2"),
                new ProviderRateLimiter.HeldSlot(provider, "default", "clip-3"));
        // and a slot named by heldSlots is freed by release under that name
        mine.forEach(slot -> limiter.release(slot.provider(), slot.model(), slot.holder()));
        assertThat(limiter.heldSlots().stream().filter(slot -> slot.provider().equals(provider))).isEmpty();
    }

    @Test
    void a429HalvesTheLimitForEveryWorker() {
        ProviderRateLimiter workerA = limiter(redisA, "rpm:4");
        ProviderRateLimiter workerB = limiter(redisB, "rpm:4");

        workerA.tighten(provider, "m");

        assertThat(workerB.request(provider, "m").granted()).isTrue();
        assertThat(workerB.request(provider, "m").granted()).isTrue();
        assertThat(workerB.request(provider, "m").granted()).isFalse();
    }

    @Test
    void withoutRedisTheLimiterGrantsSoNothingStops() {
        RedisCommandsProvider absent = new RedisCommandsProvider(new RedisConfig(null, Duration.ofMillis(200)));
        RedisCommandsProvider unreachable = new RedisCommandsProvider(
                new RedisConfig("redis://127.0.0.1:" + FreePort.pick(), Duration.ofMillis(200)));

        for (int i = 0; i < 5; i++) {
            assertThat(limiter(absent, "rpm:1,concurrent:1").generation(provider, "m", "c" + i).granted()).isTrue();
            assertThat(limiter(unreachable, "rpm:1,concurrent:1").generation(provider, "m", "c" + i).granted()).isTrue();
        }
        unreachable.close();
    }

    private ProviderRateLimiter limiter(RedisCommandsProvider redis, String limits) {
        return new ProviderRateLimiter(redis, new RateLimitConfig(provider + "/*=" + limits, Duration.ofMinutes(5),
                Duration.ofMinutes(45)), clock);
    }
}
