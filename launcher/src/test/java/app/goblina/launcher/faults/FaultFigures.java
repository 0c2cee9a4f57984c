package app.goblina.launcher.faults;

import app.goblina.testkit.fakes.video.SeededFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The figures of a run: one table of totals, then one line per fault. Plain text, for a terminal or a file. */
final class FaultFigures {

    private FaultFigures() {
    }

    static String render(RunResult run, FaultVerdict verdict) {
        StringBuilder out = new StringBuilder();
        FaultRunSettings s = run.settings();
        out.append("Fault-injection run, seed ").append(s.seed()).append(" (replay: ").append(s.replay()).append(")\n");
        out.append("  files: ").append(run.runDir()).append('\n');
        int scenes = run.plans().stream().mapToInt(p -> p.scenes).sum();
        List<FaultRecord> kills = run.faults().stream().filter(f -> f.kind.isKill()).toList();
        List<FaultRecord> db = run.faults().stream().filter(f -> f.kind == FaultRecord.Kind.DB_OUTAGE).toList();
        List<FaultRecord> redis = run.faults().stream().filter(f -> f.kind == FaultRecord.Kind.REDIS_OUTAGE).toList();
        Map<SeededFaults.Kind, Integer> provider = run.providerFaults();
        int providerFaults = provider.values().stream().mapToInt(Integer::intValue).sum();

        row(out, "projects", run.plans().size() + " (" + scenes + " scenes, " + run.plans().stream()
                .filter(p -> p.refused).count() + " refused by the provider), " + s.workers() + " workers");
        row(out, "kills", kills.stream().filter(FaultRecord::happened).count() + " of " + kills.size() + " planned: "
                + byKind(kills) + "; interrupted a running job: " + kills.stream().filter(f -> f.interrupted).count());
        row(out, "database outages", outages(db));
        row(out, "redis outages", outages(redis));
        row(out, "provider calls", run.providerCalls() + ", " + providerFaults + " faulted ("
                + percent(providerFaults, run.providerCalls()) + "): 429 " + provider.getOrDefault(SeededFaults.Kind.THROTTLED, 0)
                + ", 5xx " + provider.getOrDefault(SeededFaults.Kind.SERVER_ERROR, 0) + ", too late "
                + provider.getOrDefault(SeededFaults.Kind.TIMEOUT, 0));
        row(out, "paid creates", run.creates().size() + " for " + run.clips().size() + " clips; "
                + verdict.clipsWithOneCreate() + " clips with exactly one");
        row(out, "duplicate creates", verdict.duplicateCreates() + (verdict.unmatchedCreates() == 0 ? ""
                : " (+ " + verdict.unmatchedCreates() + " matching no clip)"));
        row(out, "blob objects", verdict.blobObjects() + (verdict.partialWrites() == 0 ? ""
                : " (+ " + verdict.partialWrites() + " partial writes left by kills)"));
        row(out, "DONE", verdict.count("DONE") + " (expected " + run.plans().stream().filter(p -> !p.refused).count() + ")");
        row(out, "FAILED", verdict.count("FAILED") + " (expected " + run.plans().stream().filter(p -> p.refused).count()
                + ", the content-policy refusal)");
        row(out, "not finished", Long.toString(verdict.unfinished()));
        row(out, "longest recovery, kill", longest(kills));
        row(out, "longest recovery, DB outage", longest(db));
        row(out, "longest recovery, Redis outage", longest(redis));
        row(out, "problems", Integer.toString(verdict.problems().size()));
        row(out, "run time", FaultRun.seconds(Duration.between(run.startedAt(), run.endedAt())) + " (faults from +"
                + FaultRun.seconds(Duration.between(run.startedAt(), run.faultsStartedAt())) + "); ended: "
                + run.endReason());
        out.append("\n  #  fault                   at        down     recovery   what happened\n");
        for (FaultRecord f : run.faults()) {
            out.append(String.format(Locale.ROOT, "  %-2d %-23s %-9s %-8s %-10s %s%n", f.number, f.kind.label,
                    f.startedAt == null ? "-" : at(run, f.startedAt),
                    f.startedAt == null || f.endedAt == null ? "-" : FaultRun.seconds(Duration.between(f.startedAt, f.endedAt)),
                    f.endedAt == null ? "-" : f.recovery == null ? "never" : FaultRun.seconds(f.recovery),
                    (f.worker == null ? "" : f.worker + ": ") + f.outcome
                            + (f.recoveryNote == null ? "" : " | next: " + f.recoveryNote)));
        }
        return out.toString();
    }

    private static String byKind(List<FaultRecord> kills) {
        Map<String, List<FaultRecord>> byKind = kills.stream().collect(Collectors.groupingBy(f -> f.kind.shortName(),
                java.util.TreeMap::new, Collectors.toList()));
        return byKind.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream()
                        .filter(FaultRecord::happened).count() + "/" + e.getValue().size())
                .collect(Collectors.joining(", "));
    }

    private static String outages(List<FaultRecord> outages) {
        if (outages.isEmpty()) {
            return "none";
        }
        return outages.stream().filter(FaultRecord::happened).count() + " of " + outages.size() + ", down "
                + outages.stream().filter(f -> f.endedAt != null)
                .map(f -> FaultRun.seconds(Duration.between(f.startedAt, f.endedAt))).collect(Collectors.joining(", "));
    }

    private static String longest(List<FaultRecord> faults) {
        List<FaultRecord> ended = faults.stream().filter(f -> f.endedAt != null).toList();
        if (ended.isEmpty()) {
            return "-";
        }
        long never = ended.stream().filter(f -> f.recovery == null).count();
        Optional<FaultRecord> longest = ended.stream().filter(f -> f.recovery != null)
                .max(Comparator.comparing(f -> f.recovery));
        String text = longest.map(f -> FaultRun.seconds(f.recovery) + " (fault " + f.number + ")").orElse("-");
        return never == 0 ? text : text + "; never recovered: " + never + " of " + ended.size();
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "0%" : Math.round(100.0 * part / whole) + "%";
    }

    private static String at(RunResult run, Instant instant) {
        return "+" + FaultRun.seconds(Duration.between(run.startedAt(), instant));
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "  %-32s %s%n", name, value));
    }
}
