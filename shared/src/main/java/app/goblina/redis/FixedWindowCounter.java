package app.goblina.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A counter per key and time window (the window is part of the key), taken atomically by one Lua script: it counts
 * one more unless the limit is reached, and expires with its window. Shared by the API's per-key request limit and
 * the workers' per-provider request limit.
 */
public final class FixedWindowCounter {

    /** Counts one unless the counter is full; answers the new count, or -1 when full. */
    private static final String TAKE = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if n > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]) return -1 end
            return n""";

    private FixedWindowCounter() {
    }

    /**
     * @return true when counted, false when {@code key} already holds {@code limit}
     * @throws RuntimeException when Redis fails; callers decide whether that grants
     */
    public static boolean take(RedisCommands<String, String> commands, String key, int limit, long expireMillis) {
        Long count = commands.eval(TAKE, ScriptOutputType.INTEGER, new String[] {key}, Integer.toString(limit),
                Long.toString(expireMillis));
        return count == null || count >= 0;
    }
}
