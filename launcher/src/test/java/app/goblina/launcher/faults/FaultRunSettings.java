package app.goblina.launcher.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * What one fault-injection run does, from system properties {@code goblina.faults.*} (Maven passes {@code -D}
 * options on to the test JVM), each with the short run's value as default:
 *
 * <pre>
 *   seed              1            seeds every random choice: moments, pauses, provider faults, topics
 *                                  ({@code random} draws one, printed like any other)
 *   projects          6            projects made over the run, one of them refused by the provider
 *   scenes            2-3          scenes per project, drawn from the range
 *   in-flight         2            a new project is made as soon as fewer than this many are unfinished ...
 *   project-every     25s          ... or this long after the last one, whichever comes first
 *   kills             4            SIGKILLs of a worker: mid-submit, mid-poll, mid-assembly, then random kinds
 *   db-outages        1            PostgreSQL stops
 *   db-outage         15s          ... for this long each
 *   redis-outages     1            Redis stops
 *   redis-outage      10s          ... for this long each
 *   provider-faults   0.3          share of provider calls answered 429, 5xx or too late
 *   connection-timeout 3000        the processes' Hikari connection timeout, ms (shorter than an outage)
 *   sweep-after       20s          the workers' GOBLINA_WORKER_SWEEP_AFTER
 *   moment-timeout    60s          how long a kill waits for its moment before it is counted as missed
 *   stall             90s          no forward progress for this long with work left ends the run as stuck
 *   deadline          8m           the whole run, faults and settling included, ends by then
 *   workers           2            worker processes
 *   dir               target/faults/&lt;seed&gt;-&lt;time&gt;   logs, blobs, database files and the figures
 * </pre>
 *
 * Durations read as {@code 15s}, {@code 2m}, {@code 500ms} or ISO-8601 ({@code PT15S}).
 */
record FaultRunSettings(long seed, int projects, int minScenes, int maxScenes, int inFlight, Duration projectEvery,
        int kills, int dbOutages, Duration dbOutage, int redisOutages, Duration redisOutage, double providerFaultRate,
        int connectionTimeoutMillis, Duration sweepAfter, Duration momentTimeout, Duration stall, Duration deadline,
        int workers, Path dir) {

    static final String PREFIX = "goblina.faults.";

    FaultRunSettings {
        if (projects < 2) {
            throw new IllegalArgumentException(PREFIX + "projects must be at least 2 (one is the refused one)");
        }
        if (minScenes < 1 || maxScenes > 8 || maxScenes < minScenes) {
            throw new IllegalArgumentException(PREFIX + "scenes must be a range within 1-8, e.g. 2-3");
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException(PREFIX + "in-flight must be at least 1");
        }
        if (workers < 2) {
            throw new IllegalArgumentException(PREFIX + "workers must be at least 2: one is killed while the other runs");
        }
        if (providerFaultRate < 0 || providerFaultRate > 0.9) {
            throw new IllegalArgumentException(PREFIX + "provider-faults must be between 0 and 0.9");
        }
    }

    static FaultRunSettings fromSystemProperties(Path launcherDir) {
        String seedText = property("seed", "1");
        long seed = seedText.equalsIgnoreCase("random") ? System.nanoTime() : Long.parseLong(seedText);
        String[] scenes = property("scenes", "2-3").split("-", 2);
        int minScenes = Integer.parseInt(scenes[0].strip());
        int maxScenes = scenes.length > 1 ? Integer.parseInt(scenes[1].strip()) : minScenes;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of(property("dir", launcherDir.resolve("target").resolve("faults")
                .resolve(seed + "-" + stamp).toString())).toAbsolutePath();
        return new FaultRunSettings(seed,
                integer("projects", 6),
                minScenes,
                maxScenes,
                integer("in-flight", 2),
                duration("project-every", "25s"),
                integer("kills", 4),
                integer("db-outages", 1),
                duration("db-outage", "15s"),
                integer("redis-outages", 1),
                duration("redis-outage", "10s"),
                Double.parseDouble(property("provider-faults", "0.3")),
                integer("connection-timeout", 3000),
                duration("sweep-after", "20s"),
                duration("moment-timeout", "60s"),
                duration("stall", "90s"),
                duration("deadline", "8m"),
                integer("workers", 2),
                dir);
    }

    /** The command line that repeats this run. */
    String replay() {
        return "./goblina faults --seed " + seed + " --projects " + projects + " --scenes " + minScenes + "-" + maxScenes
                + " --in-flight " + inFlight + " --project-every " + seconds(projectEvery) + " --kills " + kills + " --db-outages " + dbOutages + " --db-outage " + seconds(dbOutage)
                + " --redis-outages " + redisOutages + " --redis-outage " + seconds(redisOutage)
                + " --provider-faults " + providerFaultRate + " --stall " + seconds(stall) + " --deadline "
                + seconds(deadline);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(PREFIX + name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int integer(String name, int fallback) {
        return Integer.parseInt(property(name, Integer.toString(fallback)));
    }

    private static Duration duration(String name, String fallback) {
        return parseDuration(property(name, fallback), text -> new IllegalArgumentException(
                PREFIX + name + " must be a duration such as 15s, 2m or 500ms, not '" + text + "'"));
    }

    static Duration parseDuration(String text, Function<String, IllegalArgumentException> invalid) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
            }
            if (t.endsWith("h")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3_600_000));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw invalid.apply(text);
        }
    }
}
