package app.goblina.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestRedis;
import app.goblina.redis.RedisCommandsProvider;
import app.goblina.redis.RedisConfig;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaidResultCacheTest {

    @Test
    void aStoredResultIsFoundByTheSameInputsOnly() {
        RedisCommandsProvider redis = new RedisCommandsProvider(new RedisConfig(TestRedis.uri().toString(), Duration.ofSeconds(2)));
        PaidResultCache cache = new PaidResultCache(redis);
        UUID tenant = UUID.randomUUID();
        String key = PaidResultCache.scenariosKey(tenant, "openai", "gpt", "{\"topic\":\"tea\"}");

        cache.put(key, "[\"result\"]");

        assertThat(cache.get(key)).hasValue("[\"result\"]");
        assertThat(cache.get(PaidResultCache.scenariosKey(tenant, "openai", "gpt", "{\"topic\":\"coffee\"}"))).isEmpty();
        assertThat(cache.get(PaidResultCache.scenariosKey(UUID.randomUUID(), "openai", "gpt", "{\"topic\":\"tea\"}")))
                .as("another tenant").isEmpty();
        redis.close();
    }

    @Test
    void anUnreachableRedisIsAMissNotAnError() {
        RedisCommandsProvider redis = new RedisCommandsProvider(
                new RedisConfig("redis://127.0.0.1:" + FreePort.pick(), Duration.ofMillis(200)));
        PaidResultCache cache = new PaidResultCache(redis);

        cache.put("k", "v");

        assertThat(cache.get("k")).isEmpty();
        redis.close();
    }
}
