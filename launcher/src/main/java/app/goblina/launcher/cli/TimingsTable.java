package app.goblina.launcher.cli;

import app.goblina.launcher.client.JobTiming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the time went, per stage: from the project's job timings (how many jobs, how long they ran, how long they
 * waited for a free worker) and from the wall time the demo observed.
 */
final class TimingsTable {

    /** The pipeline order; stages the API may add later are listed after these. */
    static final List<String> STAGE_ORDER = List.of("analysis", "scenarios", "clips", "assembly");

    private TimingsTable() {
    }

    /**
     * The job timings of one stage.
     *
     * @param stage           the stage
     * @param jobs            how many job runs
     * @param runSeconds      their run times added up
     * @param maxWaitSeconds  the longest wait before a job started
     * @param meanWaitSeconds the mean wait before a job started
     */
    record StageStats(String stage, int jobs, double runSeconds, double maxWaitSeconds, double meanWaitSeconds) {
    }

    /** Aggregates per stage, in pipeline order; runs that have not started or ended count as jobs only. */
    static List<StageStats> aggregate(List<JobTiming> timings) {
        Map<String, List<JobTiming>> byStage = new LinkedHashMap<>();
        for (JobTiming timing : timings) {
            byStage.computeIfAbsent(timing.stage() == null ? "other" : timing.stage(), s -> new ArrayList<>())
                    .add(timing);
        }
        List<StageStats> stats = new ArrayList<>();
        for (String stage : ordered(byStage.keySet())) {
            List<JobTiming> runs = byStage.get(stage);
            double run = 0;
            double waitSum = 0;
            double waitMax = 0;
            int waits = 0;
            for (JobTiming timing : runs) {
                if (timing.runSeconds() != null) {
                    run += timing.runSeconds();
                }
                if (timing.waitSeconds() != null) {
                    waitSum += timing.waitSeconds();
                    waitMax = Math.max(waitMax, timing.waitSeconds());
                    waits++;
                }
            }
            stats.add(new StageStats(stage, runs.size(), run, waitMax, waits == 0 ? 0 : waitSum / waits));
        }
        return stats;
    }

    /**
     * The table: one row per stage that has jobs or observed time, then a total row and the total wall time.
     *
     * @param stats    from {@link #aggregate(List)}
     * @param observed wall time per stage as the demo saw it
     * @param total    the demo's whole wall time
     */
    static String render(List<StageStats> stats, Map<String, Duration> observed, Duration total) {
        Map<String, StageStats> byStage = new LinkedHashMap<>();
        stats.forEach(s -> byStage.put(s.stage(), s));
        Set<String> stages = new LinkedHashSet<>(byStage.keySet());
        stages.addAll(observed.keySet());

        String format = "%-10s %5s %12s %13s %14s %14s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format,
                "stage", "jobs", "run s (sum)", "wait s (max)", "wait s (mean)", "wall s (seen)"));
        int jobs = 0;
        double run = 0;
        double wall = 0;
        for (String stage : ordered(stages)) {
            StageStats s = byStage.get(stage);
            Duration seen = observed.get(stage);
            out.append(String.format(Locale.ROOT, format, stage,
                    s == null ? "-" : Integer.toString(s.jobs()),
                    s == null ? "-" : decimal(s.runSeconds()),
                    s == null ? "-" : decimal(s.maxWaitSeconds()),
                    s == null ? "-" : decimal(s.meanWaitSeconds()),
                    seen == null ? "-" : decimal(seen.toNanos() / 1e9)));
            if (s != null) {
                jobs += s.jobs();
                run += s.runSeconds();
            }
            if (seen != null) {
                wall += seen.toNanos() / 1e9;
            }
        }
        out.append(String.format(Locale.ROOT, format, "all", Integer.toString(jobs), decimal(run), "", "",
                decimal(wall)));
        out.append(String.format(Locale.ROOT, "%ntotal wall time: %s%n", decimal(total.toNanos() / 1e9) + " s"));
        return out.toString();
    }

    private static List<String> ordered(Set<String> stages) {
        List<String> result = new ArrayList<>();
        for (String known : STAGE_ORDER) {
            if (stages.contains(known)) {
                result.add(known);
            }
        }
        for (String other : stages) {
            if (!STAGE_ORDER.contains(other)) {
                result.add(other);
            }
        }
        return result;
    }

    private static String decimal(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }
}
