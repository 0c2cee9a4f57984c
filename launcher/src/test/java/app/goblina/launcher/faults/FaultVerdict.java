package app.goblina.launcher.faults;

import app.goblina.testkit.fakes.replicate.CreatedPrediction;
import app.goblina.testkit.fakes.replicate.FakeReplicateServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Judges a run: every project DONE (the refused one FAILED with the provider's reason), exactly one paid create per
 * clip, no duplicate rows, renders or blobs, nothing that died by itself. Each problem is one precise paragraph:
 * which project is stuck in which status, its clips, its jobs that did not succeed and why (from jobrunr_jobs).
 */
final class FaultVerdict {

    private final RunResult run;
    private final Map<UUID, RunDatabase.ProjectRow> projects;
    private final Map<UUID, List<RunDatabase.ClipRow>> clipsByProject;
    private final Map<UUID, RunDatabase.ScenarioRow> scenarios;
    private final Map<UUID, List<RunDatabase.ScenarioRow>> scenariosByProject;
    private final Map<UUID, List<RunDatabase.RenderRow>> rendersByProject;
    private final Map<UUID, List<RunDatabase.CostRow>> costsByProject;
    private final Map<UUID, List<RunDatabase.JobRow>> jobsByProject;
    private final Map<String, List<CreatedPrediction>> createsByPrompt;
    private final List<String> problems = new ArrayList<>();
    private int duplicateCreates;
    private int unmatchedCreates;
    private int clipsWithOneCreate;
    private int blobObjects;
    private int partialWrites;

    private static final String OBJECTS = "objects/";
    private static final String TYPES = "content-types/";
    /** JobRunr heartbeats every poll interval (5 s); this much silence means the server is gone. */
    private static final Duration HEARTBEAT_SILENCE = Duration.ofSeconds(30);

    FaultVerdict(RunResult run) {
        this.run = run;
        this.projects = run.projects().stream().collect(Collectors.toMap(RunDatabase.ProjectRow::id, Function.identity()));
        this.clipsByProject = run.clips().stream().collect(Collectors.groupingBy(RunDatabase.ClipRow::projectId));
        this.scenarios = run.scenarios().stream().collect(Collectors.toMap(RunDatabase.ScenarioRow::id, Function.identity()));
        this.scenariosByProject = run.scenarios().stream().collect(Collectors.groupingBy(RunDatabase.ScenarioRow::projectId));
        this.rendersByProject = run.renders().stream().collect(Collectors.groupingBy(RunDatabase.RenderRow::projectId));
        this.costsByProject = run.costs().stream().filter(c -> c.projectId() != null)
                .collect(Collectors.groupingBy(RunDatabase.CostRow::projectId));
        this.jobsByProject = run.jobs().stream().filter(j -> j.projectId() != null)
                .collect(Collectors.groupingBy(RunDatabase.JobRow::projectId));
        this.createsByPrompt = run.creates().stream().collect(Collectors.groupingBy(CreatedPrediction::prompt,
                LinkedHashMap::new, Collectors.toList()));
        judge();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    int duplicateCreates() {
        return duplicateCreates;
    }

    int unmatchedCreates() {
        return unmatchedCreates;
    }

    int clipsWithOneCreate() {
        return clipsWithOneCreate;
    }

    long count(String status) {
        return run.plans().stream().filter(p -> p.id != null && projects.containsKey(p.id))
                .filter(p -> projects.get(p.id).status().equals(status)).count();
    }

    long unfinished() {
        return run.plans().stream().filter(p -> p.id == null || !projects.containsKey(p.id)
                || !projects.get(p.id).terminal()).count();
    }

    private void judge() {
        for (ProjectPlan plan : run.plans()) {
            if (plan.id == null) {
                problems.add(plan.label() + " was never created: " + plan.creationError);
                continue;
            }
            RunDatabase.ProjectRow row = projects.get(plan.id);
            if (row == null) {
                problems.add(plan.label() + " was accepted by the API but has no row in projects");
                continue;
            }
            judgeOutcome(plan, row);
            judgeRows(plan, row);
        }
        Set<UUID> asked = run.plans().stream().map(p -> p.id).filter(Objects::nonNull).collect(Collectors.toSet());
        run.projects().stream().filter(p -> !asked.contains(p.id())).forEach(p -> problems.add("project " + p.id()
                + " ('" + abbreviate(p.topic()) + "', " + p.status() + ") exists though the run did not ask for it"));
        judgeCreates();
        judgeBlobs();
        judgeWorkers();
        for (String incident : run.incidents()) {
            problems.add(incident);
        }
        if (run.settings().kills() > 0 && run.faults().stream().noneMatch(f -> f.kind.isKill() && f.happened())) {
            problems.add("no kill landed, so the run proves nothing about crashes: " + run.faults().stream()
                    .filter(f -> f.kind.isKill()).map(f -> f.kind.label + " " + f.outcome)
                    .collect(Collectors.joining("; ")));
        }
    }

    private void judgeOutcome(ProjectPlan plan, RunDatabase.ProjectRow row) {
        JsonNode view = run.apiViews().get(plan.id.toString());
        if (view == null) {
            problems.add(plan.label() + ": GET /v1/projects/" + plan.id + " failed after the run: "
                    + run.apiErrors().get(plan.id.toString()));
        }
        if (!row.terminal()) {
            problems.add(stuck(plan, row));
            return;
        }
        if (view != null && !view.path("status").asText().equals(row.status())) {
            problems.add(plan.label() + ": the API says " + view.path("status").asText() + " but the row says "
                    + row.status());
        }
        String expected = FakeReplicateServer.sensitiveError();
        if (plan.refused) {
            if (!row.status().equals("FAILED")) {
                problems.add(plan.label() + " ended " + row.status() + ", but the provider refused its prompts, so it "
                        + "must end FAILED with the provider's reason");
                return;
            }
            String reason = view == null ? null : view.path("error").path("reason").asText(null);
            if (reason == null || !reason.contains(expected)) {
                problems.add(plan.label() + " FAILED, but GET /v1/projects/" + plan.id + " error.reason is "
                        + (reason == null ? "missing" : "'" + reason + "'") + " instead of the provider's '" + expected
                        + "' (error: " + (view == null ? "no answer" : view.path("error")) + ")");
            }
            return;
        }
        if (!row.status().equals("DONE")) {
            problems.add(plan.label() + " ended " + row.status() + " at stage " + row.stage() + " instead of DONE: "
                    + row.failureReason() + clipsAndJobs(plan.id));
        }
    }

    /** Which status, since when, what it last did, its clips and the jobs that did not succeed. */
    private String stuck(ProjectPlan plan, RunDatabase.ProjectRow row) {
        StringBuilder text = new StringBuilder();
        text.append(plan.label()).append(" is stuck in ").append(row.status()).append(" (stage ").append(row.stage())
                .append(")");
        if (row.updatedAt() != null) {
            text.append(", its row unchanged since ").append(at(row.updatedAt())).append(" (")
                    .append(Duration.between(row.updatedAt(), run.endedAt()).toSeconds()).append(" s before the end)");
        }
        run.steps().stream().filter(s -> plan.id.equals(s.project())).reduce((a, b) -> b)
                .ifPresent(s -> text.append("; last step seen: ").append(s.what()).append(" at ").append(at(s.at())));
        text.append(clipsAndJobs(plan.id));
        String faults = run.faults().stream().filter(f -> plan.id.equals(f.project))
                .map(f -> "#" + f.number + " " + f.kind.label + " at " + at(f.startedAt) + " ("
                        + (f.interrupted ? "interrupted " + f.jobType : "after " + f.jobType) + ")")
                .collect(Collectors.joining("; "));
        if (!faults.isEmpty()) {
            text.append("\n    faults aimed at it: ").append(faults);
        }
        return text.toString();
    }

    private String clipsAndJobs(UUID project) {
        StringBuilder text = new StringBuilder();
        for (RunDatabase.ClipRow clip : clipsByProject.getOrDefault(project, List.of())) {
            RunDatabase.ScenarioRow scenario = scenarios.get(clip.scenarioId());
            text.append("\n    clip ").append(clip.id()).append(" (scene ")
                    .append(scenario == null ? "?" : scenario.index() + 1).append("): ").append(clip.status())
                    .append(clip.providerJobId() == null ? ", no provider id" : ", provider id " + clip.providerJobId())
                    .append(", polls ").append(clip.polls());
            if (clip.failureReason() != null) {
                text.append(", failure: ").append(clip.failureReason());
            }
        }
        List<RunDatabase.JobRow> jobs = jobsByProject.getOrDefault(project, List.of());
        long succeeded = jobs.stream().filter(j -> j.state().equals("SUCCEEDED")).count();
        text.append("\n    jobs: ").append(jobs.size()).append(" (").append(succeeded).append(" SUCCEEDED)");
        jobs.stream().filter(j -> !j.state().equals("SUCCEEDED"))
                .sorted(Comparator.comparing(RunDatabase.JobRow::updatedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(j -> text.append("\n      ").append(j.describe(run.startedAt())));
        return text.toString();
    }

    /** One row where there must be one: scenarios, clips, a render, a settled video cost per clip. */
    private void judgeRows(ProjectPlan plan, RunDatabase.ProjectRow row) {
        List<RunDatabase.ScenarioRow> ownScenarios = scenariosByProject.getOrDefault(plan.id, List.of());
        List<RunDatabase.ClipRow> ownClips = clipsByProject.getOrDefault(plan.id, List.of());
        List<RunDatabase.RenderRow> ownRenders = rendersByProject.getOrDefault(plan.id, List.of());
        List<RunDatabase.CostRow> ownCosts = costsByProject.getOrDefault(plan.id, List.of());
        if (row.scenarioCount() != plan.scenes) {
            problems.add(plan.label() + " asked for " + plan.scenes + " scenes but its row says " + row.scenarioCount());
        }
        if (ownScenarios.size() > row.scenarioCount()) {
            problems.add(plan.label() + " has " + ownScenarios.size() + " scenarios for " + row.scenarioCount()
                    + " scenes (duplicate rows)");
        }
        Map<UUID, Long> clipsPerScenario = ownClips.stream()
                .collect(Collectors.groupingBy(RunDatabase.ClipRow::scenarioId, Collectors.counting()));
        clipsPerScenario.forEach((scenario, n) -> {
            if (n > 1) {
                problems.add(plan.label() + " has " + n + " clips for scenario " + scenario + " (duplicate rows)");
            }
        });
        if (ownRenders.size() > 1) {
            problems.add(plan.label() + " has " + ownRenders.size() + " renders (duplicate rows)");
        }
        Map<UUID, List<RunDatabase.CostRow>> videoCostsPerClip = ownCosts.stream()
                .filter(c -> c.clipId() != null && "video".equals(c.purpose()))
                .collect(Collectors.groupingBy(RunDatabase.CostRow::clipId));
        videoCostsPerClip.forEach((clip, entries) -> {
            if (entries.size() > 1) {
                problems.add(plan.label() + " has " + entries.size() + " video cost entries for clip " + clip
                        + " (duplicate rows)");
            }
        });
        if (row.terminal()) {
            ownCosts.stream().filter(c -> c.state().equals("RESERVED")).forEach(c -> problems.add(plan.label()
                    + " ended " + row.status() + " but its cost entry " + c.id() + " (" + c.purpose()
                    + (c.clipId() == null ? "" : ", clip " + c.clipId()) + ") is still RESERVED"));
        }
        if (!row.status().equals("DONE")) {
            return;
        }
        if (ownScenarios.size() != row.scenarioCount()) {
            problems.add(plan.label() + " is DONE with " + ownScenarios.size() + " scenarios instead of "
                    + row.scenarioCount());
        }
        Set<Integer> indexes = ownScenarios.stream().map(RunDatabase.ScenarioRow::index).collect(Collectors.toSet());
        if (indexes.size() != ownScenarios.size()) {
            problems.add(plan.label() + " has scenarios with the same index: " + indexes);
        }
        if (ownClips.size() != ownScenarios.size()) {
            problems.add(plan.label() + " is DONE with " + ownClips.size() + " clips for " + ownScenarios.size()
                    + " scenarios");
        }
        ownClips.stream().filter(c -> !c.status().equals("READY")).forEach(c -> problems.add(plan.label()
                + " is DONE but its clip " + c.id() + " is " + c.status()));
        if (ownRenders.size() != 1 || !ownRenders.getFirst().status().equals("READY")
                || ownRenders.getFirst().blobKey() == null) {
            problems.add(plan.label() + " is DONE without exactly one READY render: " + ownRenders.stream()
                    .map(r -> r.id() + " " + r.status() + " " + r.blobKey()).collect(Collectors.joining(", ")));
        }
        for (RunDatabase.ClipRow clip : ownClips) {
            List<RunDatabase.CostRow> entries = videoCostsPerClip.getOrDefault(clip.id(), List.of());
            if (entries.size() != 1 || !entries.getFirst().state().equals("SETTLED")) {
                problems.add(plan.label() + " is DONE, so clip " + clip.id() + " was paid for, but its video cost "
                        + "entries are " + (entries.isEmpty() ? "none" : entries.stream().map(c -> c.id() + " " + c.state())
                        .collect(Collectors.joining(", "))) + " instead of one SETTLED");
            }
        }
    }

    /** Exactly one paid create per clip of a DONE project, at most one for the others; none that is no clip's. */
    private void judgeCreates() {
        Map<String, List<RunDatabase.ClipRow>> clipsByPrompt = new LinkedHashMap<>();
        for (RunDatabase.ClipRow clip : run.clips()) {
            RunDatabase.ScenarioRow scenario = scenarios.get(clip.scenarioId());
            if (scenario != null) {
                clipsByPrompt.computeIfAbsent(scenario.prompt(), p -> new ArrayList<>()).add(clip);
            }
        }
        clipsByPrompt.forEach((prompt, clips) -> {
            if (clips.size() > 1) {
                problems.add("the run cannot tell paid creates apart: clips " + clips.stream().map(c -> c.id().toString())
                        .collect(Collectors.joining(", ")) + " share one prompt");
            }
        });
        Set<String> planned = new HashSet<>();
        for (RunDatabase.ClipRow clip : run.clips()) {
            RunDatabase.ScenarioRow scenario = scenarios.get(clip.scenarioId());
            if (scenario == null) {
                continue;
            }
            planned.add(scenario.prompt());
            List<CreatedPrediction> creates = createsByPrompt.getOrDefault(scenario.prompt(), List.of());
            RunDatabase.ProjectRow project = projects.get(clip.projectId());
            boolean done = project != null && project.status().equals("DONE");
            if (creates.size() == 1) {
                clipsWithOneCreate++;
            }
            if (creates.size() > 1) {
                duplicateCreates += creates.size() - 1;
                problems.add("clip " + clip.id() + " of project " + clip.projectId() + " was paid for "
                        + creates.size() + " times at the provider: predictions " + creates.stream()
                        .map(c -> c.id() + " at " + c.createdAt()).collect(Collectors.joining(", "))
                        + "; the clip records " + clip.providerJobId());
            } else if (done && creates.isEmpty()) {
                problems.add("clip " + clip.id() + " of DONE project " + clip.projectId()
                        + " has no paid create at the provider (provider id " + clip.providerJobId() + ")");
            }
            if (clip.providerJobId() != null && !creates.isEmpty()
                    && creates.stream().noneMatch(c -> c.id().equals(clip.providerJobId()))) {
                problems.add("clip " + clip.id() + " records provider id " + clip.providerJobId()
                        + ", which is not the prediction created for its prompt (" + creates.stream()
                        .map(CreatedPrediction::id).collect(Collectors.joining(", ")) + ")");
            }
        }
        createsByPrompt.forEach((prompt, creates) -> {
            if (!planned.contains(prompt)) {
                unmatchedCreates += creates.size();
                problems.add(creates.size() + " paid create(s) match no clip: " + creates.stream()
                        .map(CreatedPrediction::id).collect(Collectors.joining(", ")) + " for prompt '"
                        + abbreviate(prompt) + "'");
            }
        });
    }

    /**
     * The blob folder holds exactly the objects the rows point to: no second copy, no leftover, none missing. The
     * local store keeps key {@code k} in {@code objects/k} with its content type in {@code content-types/k}; a
     * temporary {@code .part} file of a write cut short by a kill is not an object and only counted.
     */
    private void judgeBlobs() {
        Set<String> referenced = new TreeSet<>(run.imageKeys());
        run.clips().stream().map(RunDatabase.ClipRow::blobKey).filter(Objects::nonNull).forEach(referenced::add);
        run.renders().forEach(r -> {
            if (r.blobKey() != null) {
                referenced.add(r.blobKey());
            }
            if (r.thumbnailKey() != null) {
                referenced.add(r.thumbnailKey());
            }
        });
        run.scenarios().stream().map(RunDatabase.ScenarioRow::narrationKey).filter(Objects::nonNull)
                .forEach(referenced::add);
        Set<String> objects = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        for (String file : run.blobs()) {
            if (isPartial(file)) {
                partialWrites++;
            } else if (file.startsWith(OBJECTS)) {
                objects.add(file.substring(OBJECTS.length()));
            } else if (file.startsWith(TYPES)) {
                types.add(file.substring(TYPES.length()));
            } else {
                problems.add("a file outside the store's layout in the blob folder: " + file);
            }
        }
        blobObjects = objects.size();
        Set<String> extra = new TreeSet<>(objects);
        extra.removeAll(referenced);
        Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(objects);
        Set<String> untyped = new TreeSet<>(objects);
        untyped.removeAll(types);
        Set<String> strayTypes = new TreeSet<>(types);
        strayTypes.removeAll(objects);
        if (!extra.isEmpty()) {
            problems.add(extra.size() + " object(s) in the blob store that no row points to (a duplicate or a "
                    + "leftover): " + String.join(", ", extra));
        }
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " object(s) that rows point to are missing from the blob store: "
                    + String.join(", ", missing));
        }
        if (!untyped.isEmpty() || !strayTypes.isEmpty()) {
            problems.add("the blob store's content types do not match its objects: without a type " + untyped
                    + ", a type without an object " + strayTypes);
        }
    }

    private static boolean isPartial(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.startsWith(".") && name.endsWith(".part");
    }

    int blobObjects() {
        return blobObjects;
    }

    int partialWrites() {
        return partialWrites;
    }

    /** A worker that runs but whose JobRunr server no longer heartbeats runs no job: the platform is stuck there. */
    private void judgeWorkers() {
        for (RunResult.WorkerState worker : run.workers()) {
            if (!worker.alive()) {
                problems.add(worker.name() + " (pid " + worker.pid() + ") is not running at the end of the run");
                continue;
            }
            Instant latest = run.servers().stream().filter(s -> worker.name().equals(s.name()))
                    .filter(s -> s.firstHeartbeat() != null && worker.startedAt() != null
                            && !s.firstHeartbeat().isBefore(worker.startedAt().minusSeconds(1)))
                    .map(RunDatabase.ServerRow::lastHeartbeat).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
            if (latest == null || Duration.between(latest, run.endedAt()).compareTo(HEARTBEAT_SILENCE) > 0) {
                problems.add(worker.name() + " (pid " + worker.pid() + ", start " + worker.starts()
                        + ") is running, but its JobRunr background job server "
                        + (latest == null ? "is not registered in jobrunr_backgroundjobservers"
                        : "last heartbeat at " + at(latest) + ", " + Duration.between(latest, run.endedAt()).toSeconds()
                        + " s before the end")
                        + ", so it runs no jobs"
                        + (worker.jobServerStopped() == null ? "" : "; its log:\n      "
                        + worker.jobServerStopped().replace("\n", "\n      ")));
            }
        }
    }

    /** Every job that did not succeed, grouped by type, state and reason, for the report. */
    String jobSummary() {
        Map<String, Integer> groups = new TreeMap<>();
        for (RunDatabase.JobRow job : run.jobs()) {
            if (job.state().equals("SUCCEEDED")) {
                continue;
            }
            String key = job.type() + " " + job.state() + (job.failure() == null ? "" : ": " + abbreviate(job.failure()));
            groups.merge(key, 1, Integer::sum);
        }
        Map<String, Long> states = run.jobs().stream()
                .collect(Collectors.groupingBy(RunDatabase.JobRow::state, TreeMap::new, Collectors.counting()));
        StringBuilder text = new StringBuilder("jobrunr_jobs by state: " + states);
        groups.forEach((key, n) -> text.append("\n  ").append(n).append(" x ").append(key));
        text.append("\njobrunr_backgroundjobservers:");
        for (RunDatabase.ServerRow server : run.servers()) {
            text.append("\n  ").append(server.name()).append(" ").append(server.id()).append(server.running()
                    ? " running" : " not running").append(", heartbeats ").append(at(server.firstHeartbeat()))
                    .append(" to ").append(at(server.lastHeartbeat()));
        }
        return text.toString();
    }

    private String at(Instant instant) {
        return instant == null ? "?" : "+" + FaultRun.seconds(Duration.between(run.startedAt(), instant));
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
