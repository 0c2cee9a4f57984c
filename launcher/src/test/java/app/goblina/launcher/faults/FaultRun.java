package app.goblina.launcher.faults;

import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.OwnPostgres;
import app.goblina.testkit.OwnRedis;
import app.goblina.worker.media.ClipRenderer;
import app.goblina.worker.media.ClipRenderer.ClipSpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The engine of the fault-injection suite: the real platform (API and workers as their own JVMs, from the built
 * jars) on a PostgreSQL and a Redis of the run's own, with the Replicate fake in this JVM; projects made over
 * REST while workers are killed with SIGKILL at chosen moments (mid-submit, mid-poll, mid-assembly, any time)
 * and restarted, PostgreSQL and Redis are stopped and started again, and a seeded share of provider calls fails.
 * Every random choice comes from the seed.
 *
 * <p>{@link #execute()} runs the plan and returns what it saw; it never judges (see {@link FaultVerdict}).
 * {@link #close()} stops everything this run started, by its own handles only.
 */
final class FaultRun implements AutoCloseable {

    static final String DATABASE = "goblina";
    private static final List<String> PRESETS = List.of("sassy", "wholesome", "chaotic", "deadpan");
    private static final List<String> TOPICS = List.of("why goblins make the best baristas", "goblin yoga at dawn",
            "a goblin reviews umbrellas", "tax season in the goblin caves", "goblin guide to houseplants",
            "speed dating for goblins", "the goblin bakery opens", "a goblin learns to surf");
    /** How often the moment of a kill is looked for. */
    private static final Duration MOMENT_POLL = Duration.ofMillis(40);

    private final FaultRunSettings settings;
    private final Path repoRoot;
    private final Random planRandom;
    private final Random momentRandom;
    private final List<ProjectPlan> plans;
    private final List<FaultRecord> faults;
    private final List<String> incidents = new CopyOnWriteArrayList<>();
    private final Map<String, Path> logs = new LinkedHashMap<>();

    private OwnPostgres postgres;
    private OwnRedis redis;
    private ProviderFaults provider;
    private GoblinaCluster cluster;
    private ProgressMonitor monitor;
    private RunDatabase db;
    private RestClient rest;
    private String characterId;
    private Thread feeder;
    private volatile boolean feederDone;
    private volatile boolean stopping;
    private Instant startedAt;
    private Instant faultsStartedAt;
    private volatile Instant lastFaultEnd = Instant.now();
    private Instant deadline;
    private final Set<String> killedOnPurpose = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Stops what this run started if the test JVM is stopped mid-run (Ctrl-C on Maven); removed by close(). */
    private final Thread stopOnExit = new Thread(this::stopEverything, "fault-run-stop");

    FaultRun(FaultRunSettings settings, Path repoRoot) {
        this.settings = settings;
        this.repoRoot = repoRoot;
        this.planRandom = new Random(settings.seed());
        this.momentRandom = new Random(settings.seed() * 31 + 7);
        this.plans = planProjects(new Random(settings.seed() * 17 + 3));
        this.faults = planFaults(planRandom);
    }

    /** The projects: seeded presets and scene counts, one refused by the provider (never the first). */
    private List<ProjectPlan> planProjects(Random random) {
        int refused = 1 + random.nextInt(settings.projects() - 1);
        List<ProjectPlan> list = new ArrayList<>();
        for (int i = 0; i < settings.projects(); i++) {
            int scenes = settings.minScenes() + random.nextInt(settings.maxScenes() - settings.minScenes() + 1);
            String preset = PRESETS.get(random.nextInt(PRESETS.size()));
            // Distinct topics give every clip its own prompt, which is how a paid create is matched to its clip.
            String topic = TOPICS.get(i % TOPICS.size()) + ", take " + (i + 1) + " of run " + settings.seed()
                    + (i == refused ? ", sprinkled with " + ProviderFaults.REFUSED_MARKER : "");
            list.add(new ProjectPlan(i, topic, preset, scenes, i == refused));
        }
        return List.copyOf(list);
    }

    /**
     * The faults in order: the kills at each kind of moment first (mid-submit, mid-poll, mid-assembly), then
     * kills of seeded kinds; the outages at seeded places after the first kills, so a platform that does not
     * survive an outage has still been tested against kills.
     */
    private List<FaultRecord> planFaults(Random random) {
        List<FaultRecord.Kind> kinds = new ArrayList<>();
        List<FaultRecord.Kind> firsts = List.of(FaultRecord.Kind.KILL_SUBMIT, FaultRecord.Kind.KILL_POLL,
                FaultRecord.Kind.KILL_ASSEMBLY);
        List<FaultRecord.Kind> anyKill = List.of(FaultRecord.Kind.KILL_SUBMIT, FaultRecord.Kind.KILL_POLL,
                FaultRecord.Kind.KILL_ASSEMBLY, FaultRecord.Kind.KILL_ANYTIME);
        for (int i = 0; i < settings.kills(); i++) {
            kinds.add(i < firsts.size() ? firsts.get(i) : anyKill.get(random.nextInt(anyKill.size())));
        }
        int earliest = Math.min(kinds.size(), firsts.size());
        for (int i = 0; i < settings.redisOutages(); i++) {
            kinds.add(earliest + random.nextInt(kinds.size() - earliest + 1), FaultRecord.Kind.REDIS_OUTAGE);
        }
        for (int i = 0; i < settings.dbOutages(); i++) {
            kinds.add(earliest + random.nextInt(kinds.size() - earliest + 1), FaultRecord.Kind.DB_OUTAGE);
        }
        List<FaultRecord> list = new ArrayList<>();
        for (FaultRecord.Kind kind : kinds) {
            Duration down = switch (kind) {
                case DB_OUTAGE -> settings.dbOutage();
                case REDIS_OUTAGE -> settings.redisOutage();
                default -> Duration.ZERO;
            };
            list.add(new FaultRecord(list.size() + 1, kind, down));
        }
        return List.copyOf(list);
    }

    List<FaultRecord> faults() {
        return faults;
    }

    List<ProjectPlan> plans() {
        return plans;
    }

    RunResult execute() {
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        startedAt = Instant.now();
        deadline = startedAt.plus(settings.deadline());
        setUp();
        faultsStartedAt = Instant.now();
        lastFaultEnd = faultsStartedAt;
        startFeeder();
        runFaults();
        String endReason = settle();
        return collect(endReason);
    }

    // ---------------------------------------------------------------- setting up

    private void setUp() {
        Path dir = settings.dir();
        try {
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("blobs"));
            Files.createDirectories(dir.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        logs.put("postgres", dir.resolve("logs/postgres.log"));
        postgres = OwnPostgres.startOnFreePort(dir.resolve("postgres"), repoRoot.resolve(".cache/embedded-pg"),
                dir.resolve("logs/postgres.log"));
        postgres.createDatabase(DATABASE);
        redis = OwnRedis.startOnFreePort();
        provider = ProviderFaults.start(renderProviderVideo(dir), settings.seed(), settings.providerFaultRate());
        String key = ApiKeys.newKey("gob_faults_");
        String jdbcUrl = postgres.jdbcUrl(DATABASE);
        cluster = GoblinaCluster.start(new GoblinaCluster.Wiring(repoRoot, dir, jdbcUrl, OwnPostgres.USER,
                redis.uri(), provider.server().baseUrl(), ProviderFaults.TOKEN, key,
                settings.connectionTimeoutMillis(), settings.sweepAfter()), settings.workers());
        logs.put("api", cluster.api().logFile());
        cluster.workers().forEach(w -> logs.put(w.name(), w.logFile()));
        db = new RunDatabase(jdbcUrl, OwnPostgres.USER);
        monitor = new ProgressMonitor(new RunDatabase(jdbcUrl, OwnPostgres.USER));
        rest = new RestClient(cluster.apiUrl(), key);
        byte[] png;
        try {
            png = Files.readAllBytes(repoRoot.resolve("examples/ms-goblina.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        characterId = rest.uploadCharacter("Ms. Goblina", png);
        Instant until = Instant.now().plusSeconds(120);
        String status = "ANALYZING";
        while (status.equals("ANALYZING")) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("the character was still ANALYZING after 120 s (before any fault)");
            }
            GoblinaCluster.sleep(Duration.ofMillis(500));
            status = rest.character(characterId).path("status").asText();
        }
        if (!status.equals("READY")) {
            throw new IllegalStateException("the character ended " + status + " before any fault: "
                    + rest.character(characterId));
        }
    }

    /** The MP4 every finished prediction outputs: 2 s of the character, rendered by the platform's own renderer. */
    private Path renderProviderVideo(Path dir) {
        Path clip = dir.resolve("provider-clip.mp4");
        new ClipRenderer().render(new ClipSpec(180, 320, 15, 2, List.of("#4f9a3a", "#7a2e8c"), null),
                repoRoot.resolve("examples/ms-goblina.png"), clip);
        return clip;
    }

    // ---------------------------------------------------------------- projects

    /**
     * Makes the projects over the run, so there is work for every fault: the first {@code in-flight} at once, then
     * each as soon as fewer than that many are unfinished, or {@code project-every} after the previous one.
     */
    private void startFeeder() {
        feeder = new Thread(() -> {
            Instant last = Instant.now();
            try (RunDatabase feederDb = new RunDatabase(postgres.jdbcUrl(DATABASE), OwnPostgres.USER)) {
                for (ProjectPlan plan : plans) {
                    if (plan.index >= settings.inFlight()) {
                        while (unfinished() >= settings.inFlight()
                                && Duration.between(last, Instant.now()).compareTo(settings.projectEvery()) < 0) {
                            Thread.sleep(500);
                        }
                    }
                    create(plan, feederDb);
                    last = Instant.now();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (!stopping) {
                    incidents.add("the harness stopped making projects: " + e);
                }
            } finally {
                feederDone = true;
            }
        }, "fault-run-projects");
        feeder.setDaemon(true);
        feeder.start();
    }

    /**
     * Makes the project, retrying for up to 3 minutes while the API or its database is away on purpose. A call
     * whose answer was lost may still have made it: its topic, unique in the run, finds it before a retry.
     */
    private void create(ProjectPlan plan, RunDatabase feederDb) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofMinutes(3));
        String lastError = null;
        while (Instant.now().isBefore(until)) {
            try {
                plan.id = UUID.fromString(rest.createProject(plan.request(characterId)));
                plan.createdAt = Instant.now();
                return;
            } catch (RestClient.CallFailed e) {
                lastError = e.getMessage();
                Thread.sleep(1000);
                try {
                    Optional<UUID> made = feederDb.query("SELECT id FROM projects WHERE topic = ?",
                            rs -> UUID.fromString(rs.getString(1)), plan.topic).stream().findFirst();
                    if (made.isPresent()) {
                        plan.id = made.get();
                        plan.createdAt = Instant.now();
                        return;
                    }
                } catch (SQLException notNow) {
                    // the database is away too: retry the call
                }
            }
        }
        plan.creationError = lastError;
        incidents.add(plan.label() + " could not be created within 3 minutes: " + lastError);
    }

    // ---------------------------------------------------------------- faults

    private void runFaults() {
        for (FaultRecord fault : faults) {
            // Drawn whatever happens, so every fault takes the same numbers from the seed in every run.
            double pick = momentRandom.nextDouble();
            int pauseMillis = 1000 + momentRandom.nextInt(2000);
            int jitterMillis = momentRandom.nextInt(300);
            int downMillis = momentRandom.nextInt(2000);
            int anyDelayMillis = 500 + momentRandom.nextInt(5000);
            int anyWorker = momentRandom.nextInt(settings.workers());
            Optional<String> stop = reasonToStop();
            if (stop.isPresent()) {
                fault.outcome = "skipped: " + stop.get();
                continue;
            }
            GoblinaCluster.sleep(Duration.ofMillis(pauseMillis));
            try {
                switch (fault.kind) {
                    case DB_OUTAGE -> databaseOutage(fault);
                    case REDIS_OUTAGE -> redisOutage(fault);
                    case KILL_ANYTIME -> killAnytime(fault, anyDelayMillis, anyWorker, downMillis);
                    default -> killAtMoment(fault, pick, jitterMillis, downMillis);
                }
            } catch (RuntimeException e) {
                incidents.add("fault " + fault.number + " (" + fault.kind.label + ") went wrong in the harness: " + e);
                fault.outcome = "harness error: " + e.getMessage();
            }
            if (fault.endedAt != null) {
                lastFaultEnd = fault.endedAt;
            }
            restartWhatDiedByItself();
        }
    }

    /** Why no further fault should be waited for: the deadline, no work left, or a platform that stopped moving. */
    private Optional<String> reasonToStop() {
        Instant now = Instant.now();
        if (now.isAfter(deadline)) {
            return Optional.of("the run's deadline (" + settings.deadline().toSeconds() + " s) had passed");
        }
        if (feederDone && !monitor.workLeft() && allCreated()) {
            return Optional.of("every project had finished");
        }
        Instant since = later(monitor.lastStep(), lastFaultEnd);
        if (monitor.workLeft() && Duration.between(since, now).compareTo(settings.stall()) > 0) {
            return Optional.of("the platform had stalled: nothing moved for "
                    + Duration.between(since, now).toSeconds() + " s");
        }
        return Optional.empty();
    }

    /** Projects made and not yet DONE, FAILED or CANCELLED, as the monitor last read them. */
    private long unfinished() {
        Map<UUID, RunDatabase.ProjectRow> latest = monitor.projects();
        return plans.stream().filter(p -> p.id != null)
                .filter(p -> !latest.containsKey(p.id) || !latest.get(p.id).terminal()).count();
    }

    private boolean allCreated() {
        return plans.stream().allMatch(p -> p.id != null || p.creationError != null);
    }

    /** A moment of this kind: its job PROCESSING on a live worker. Kills that worker, then starts it again. */
    private void killAtMoment(FaultRecord fault, double pick, int jitterMillis, int downMillis) {
        Instant until = Instant.now().plus(settings.momentTimeout());
        RunDatabase.JobRow target = null;
        GoblinaProcess worker = null;
        while (target == null) {
            Optional<String> stop = reasonToStop();
            if (stop.isPresent()) {
                fault.outcome = "missed: " + stop.get() + " before a " + fault.kind.job + " job ran";
                return;
            }
            if (Instant.now().isAfter(until)) {
                fault.outcome = "missed: no " + fault.kind.job + " job was PROCESSING on a live worker within "
                        + settings.momentTimeout().toSeconds() + " s";
                return;
            }
            try {
                Map<UUID, GoblinaProcess> live = liveServers();
                List<RunDatabase.JobRow> candidates = db.jobs("PROCESSING").stream()
                        .filter(j -> fault.kind.job.equals(j.type()))
                        .filter(j -> j.serverId() != null && live.containsKey(j.serverId()))
                        .sorted(Comparator.comparing(RunDatabase.JobRow::id))
                        .toList();
                if (!candidates.isEmpty()) {
                    target = candidates.get((int) Math.floor(pick * candidates.size()));
                    worker = live.get(target.serverId());
                }
            } catch (SQLException e) {
                // the database may be restarting; look again
            }
            if (target == null) {
                GoblinaCluster.sleep(MOMENT_POLL);
            }
        }
        GoblinaCluster.sleep(Duration.ofMillis(jitterMillis));
        RunDatabase.JobRow chosen = target;
        fault.worker = worker.name();
        fault.job = target.id();
        fault.jobType = target.type();
        fault.project = target.projectId();
        fault.clip = target.clipId();
        kill(fault, worker);
        String state = "unknown";
        try {
            Optional<RunDatabase.JobRow> after = db.job(target.id());
            state = after.map(RunDatabase.JobRow::state).orElse("gone");
            fault.interrupted = after.filter(j -> j.state().equals("PROCESSING"))
                    .filter(j -> chosen.serverId().equals(j.serverId())).isPresent();
        } catch (SQLException e) {
            state = "unreadable (" + e.getMessage() + ")";
        }
        fault.outcome = (fault.interrupted ? "interrupted " : "landed just after ") + target.type() + " "
                + target.id() + (fault.clip != null ? " of clip " + fault.clip : "")
                + (fault.project != null ? " of project " + fault.project : "")
                + (fault.interrupted ? "" : " (its state was " + state + " when the kill landed)")
                + describeTarget(fault);
        restart(fault, worker, downMillis);
    }

    private void killAnytime(FaultRecord fault, int delayMillis, int workerIndex, int downMillis) {
        GoblinaCluster.sleep(Duration.ofMillis(delayMillis));
        GoblinaProcess worker = cluster.workers().get(workerIndex);
        if (!worker.isAlive()) {
            worker = cluster.workers().stream().filter(GoblinaProcess::isAlive).findFirst().orElse(worker);
        }
        fault.worker = worker.name();
        List<String> running = new ArrayList<>();
        try {
            Map<UUID, GoblinaProcess> live = liveServers();
            GoblinaProcess chosen = worker;
            db.jobs("PROCESSING").stream().filter(j -> live.get(j.serverId()) == chosen)
                    .forEach(j -> running.add(j.type()));
        } catch (SQLException e) {
            running.add("(unreadable: " + e.getMessage() + ")");
        }
        kill(fault, worker);
        fault.outcome = running.isEmpty() ? "landed while it ran no job" : "interrupted " + String.join(", ", running);
        restart(fault, worker, downMillis);
    }

    private void kill(FaultRecord fault, GoblinaProcess worker) {
        killedOnPurpose.add(worker.name());
        fault.startedAt = Instant.now();
        worker.kill();
    }

    private void restart(FaultRecord fault, GoblinaProcess worker, int downMillis) {
        GoblinaCluster.sleep(Duration.ofMillis(downMillis));
        worker.start();
        killedOnPurpose.remove(worker.name());
        fault.endedAt = Instant.now();
        try {
            cluster.awaitReady(worker);
            fault.readyAt = Instant.now();
        } catch (IllegalStateException e) {
            incidents.add(worker.name() + " did not come back after fault " + fault.number + ": " + e.getMessage());
        }
    }

    /** The clip's and project's statuses right after a kill, for the record. */
    private String describeTarget(FaultRecord fault) {
        try {
            StringBuilder text = new StringBuilder();
            if (fault.clip != null) {
                db.clips().stream().filter(c -> c.id().equals(fault.clip)).findFirst()
                        .ifPresent(c -> text.append("; clip ").append(c.status()));
            }
            if (fault.project != null) {
                db.projects().stream().filter(p -> p.id().equals(fault.project)).findFirst()
                        .ifPresent(p -> text.append("; project ").append(p.status()));
            }
            return text.toString();
        } catch (SQLException e) {
            return "";
        }
    }

    /** Our workers' JobRunr servers by id: only those registered by the incarnation that runs now. */
    private Map<UUID, GoblinaProcess> liveServers() throws SQLException {
        Map<UUID, GoblinaProcess> live = new HashMap<>();
        for (RunDatabase.ServerRow server : db.servers()) {
            GoblinaProcess worker = cluster.workerNamed(server.name());
            if (worker != null && worker.isAlive() && server.firstHeartbeat() != null
                    && !server.firstHeartbeat().isBefore(worker.startedAt().minusSeconds(1))) {
                live.put(server.id(), worker);
            }
        }
        return live;
    }

    private void databaseOutage(FaultRecord fault) {
        fault.startedAt = Instant.now();
        postgres.stop();
        GoblinaCluster.sleep(fault.plannedDown);
        postgres.start();
        fault.endedAt = Instant.now();
        fault.outcome = "PostgreSQL stopped for " + seconds(Duration.between(fault.startedAt, fault.endedAt))
                + " (pool connection timeout " + settings.connectionTimeoutMillis() + " ms), started again on port "
                + postgres.port() + " with its data";
    }

    private void redisOutage(FaultRecord fault) {
        fault.startedAt = Instant.now();
        redis.stop();
        GoblinaCluster.sleep(fault.plannedDown);
        redis.start();
        fault.endedAt = Instant.now();
        fault.outcome = "Redis stopped for " + seconds(Duration.between(fault.startedAt, fault.endedAt))
                + ", started again (empty) on port " + redis.port();
    }

    /** A process that exited without being killed is an incident; it is started again, as a supervisor would. */
    private void restartWhatDiedByItself() {
        for (GoblinaProcess process : cluster.notRunning()) {
            if (killedOnPurpose.contains(process.name())) {
                continue;
            }
            incidents.add(process.name() + " exited by itself with code " + process.exitCode() + " at about "
                    + secondsSince(Instant.now()) + "; started again. The end of its log:\n"
                    + indent(process.logTail(15)));
            process.start();
            try {
                cluster.awaitReady(process);
            } catch (IllegalStateException e) {
                incidents.add(process.name() + " did not come back: " + e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- settling

    /** Waits until every project has finished, or nothing moves any more, or the deadline. */
    private String settle() {
        while (true) {
            restartWhatDiedByItself();
            Instant now = Instant.now();
            if (feederDone && allCreated() && allFinished()) {
                return "every project finished";
            }
            Instant since = later(monitor.lastStep(), lastFaultEnd);
            if (feederDone && Duration.between(since, now).compareTo(settings.stall()) > 0) {
                return "stuck: nothing moved for " + Duration.between(since, now).toSeconds() + " s with work left";
            }
            if (now.isAfter(deadline)) {
                return "the deadline of " + settings.deadline().toSeconds() + " s passed with work left";
            }
            GoblinaCluster.sleep(Duration.ofMillis(500));
        }
    }

    private boolean allFinished() {
        Map<UUID, RunDatabase.ProjectRow> latest = monitor.projects();
        return plans.stream().filter(p -> p.id != null)
                .allMatch(p -> latest.containsKey(p.id) && latest.get(p.id).terminal());
    }

    // ---------------------------------------------------------------- collecting

    private RunResult collect(String endReason) {
        Instant endedAt = Instant.now();
        GoblinaCluster.sleep(ProgressMonitor.TICK.multipliedBy(2));
        List<ProgressMonitor.Step> steps = monitor.steps();
        measureRecoveries(steps);
        Map<String, JsonNode> views = new LinkedHashMap<>();
        Map<String, String> apiErrors = new LinkedHashMap<>();
        for (ProjectPlan plan : plans) {
            if (plan.id == null) {
                continue;
            }
            try {
                views.put(plan.id.toString(), rest.project(plan.id.toString()));
            } catch (RestClient.CallFailed e) {
                apiErrors.put(plan.id.toString(), e.getMessage());
            }
        }
        try {
            return new RunResult(settings, startedAt, faultsStartedAt, endedAt, endReason, plans, faults,
                    List.copyOf(incidents), db.projects(), db.clips(), db.scenarios(), db.renders(), db.costs(),
                    db.jobs(null), db.servers(), db.imageKeys(), views, apiErrors, provider.server().created(),
                    provider.injected(), provider.calls(), blobFiles(), steps, workerStates(), settings.dir(),
                    Map.copyOf(logs));
        } catch (SQLException e) {
            throw new IllegalStateException("the run's database could not be read after the run: " + e.getMessage(), e);
        }
    }

    /**
     * Recovery: from the end of a fault to the next step forward. After a kill, of the interrupted work (its clip,
     * or its project's status); after a kill at a random time or an outage, of anything the workers do.
     */
    private void measureRecoveries(List<ProgressMonitor.Step> steps) {
        for (FaultRecord fault : faults) {
            if (fault.endedAt == null) {
                continue;
            }
            Optional<ProgressMonitor.Step> next;
            if (fault.kind.isKill() && fault.project != null) {
                UUID project = fault.project;
                UUID clip = fault.clip;
                // the project's own status, or (for a clip's job) that clip's status or one of its jobs finishing
                next = monitor.firstStepFrom(fault.endedAt, s -> project.equals(s.project())
                        && (s.kind() == ProgressMonitor.Kind.PROJECT
                        || (clip == null && s.kind() == ProgressMonitor.Kind.JOB_RUN && s.clip() == null)
                        || (clip != null && clip.equals(s.clip()))));
                if (next.isEmpty() && finishedBefore(fault, steps)) {
                    fault.recovery = Duration.ZERO;
                    fault.recoveryNote = "its work had already finished";
                    continue;
                }
            } else {
                next = monitor.firstStepFrom(fault.endedAt, s -> true);
            }
            if (next.isPresent()) {
                fault.recovery = Duration.between(fault.endedAt, next.get().at());
                fault.recoveryNote = next.get().what();
            } else {
                fault.recoveryNote = "nothing moved afterwards";
            }
        }
    }

    /** Whether the project a kill interrupted was DONE or FAILED by the end of the fault. */
    private static boolean finishedBefore(FaultRecord fault, List<ProgressMonitor.Step> steps) {
        return steps.stream().filter(s -> fault.project.equals(s.project()))
                .filter(s -> s.kind() == ProgressMonitor.Kind.PROJECT)
                .filter(s -> s.at().isBefore(fault.endedAt))
                .anyMatch(s -> s.what().endsWith("DONE") || s.what().endsWith("FAILED"));
    }

    /** Every file under the blob folder, relative to it ({@code objects/<key>}, {@code content-types/<key>}). */
    private List<String> blobFiles() {
        Path root = settings.dir().resolve("blobs");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each worker as the run ends: its current incarnation, and what its log says if its job server shut down. */
    private List<RunResult.WorkerState> workerStates() {
        List<RunResult.WorkerState> states = new ArrayList<>();
        for (GoblinaProcess worker : cluster.workers()) {
            String log = worker.logSinceStart();
            String shutdown = null;
            int at = log.indexOf("Shutting down BackgroundJobServer");
            if (at >= 0) {
                int lineStart = log.lastIndexOf('\n', at) + 1;
                int lineEnd = log.indexOf('\n', at);
                int causeEnd = lineEnd < 0 ? -1 : log.indexOf('\n', lineEnd + 1);
                shutdown = log.substring(lineStart, causeEnd < 0 ? log.length() : causeEnd).strip();
            }
            states.add(new RunResult.WorkerState(worker.name(), worker.pid(), worker.isAlive(), worker.startedAt(),
                    worker.incarnation(), shutdown));
        }
        return states;
    }

    // ---------------------------------------------------------------- helpers

    String secondsSince(Instant at) {
        return startedAt == null ? "?" : "+" + seconds(Duration.between(startedAt, at));
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is exiting (the hook runs this), or execute() never registered it
        }
        stopEverything();
    }

    /** Stops, once, whatever this run started: the processes by their own handles, then the servers. */
    private synchronized void stopEverything() {
        stopping = true;
        if (feeder != null) {
            feeder.interrupt();
        }
        List<AutoCloseable> started = new ArrayList<>();
        for (AutoCloseable each : new AutoCloseable[] {monitor, cluster, provider, db, redis, postgres}) {
            if (each != null) {
                started.add(each);
            }
        }
        monitor = null;
        cluster = null;
        provider = null;
        db = null;
        redis = null;
        postgres = null;
        for (AutoCloseable each : started) {
            try {
                each.close();
            } catch (Exception e) {
                System.err.println("Cleaning up the fault run: " + e);
            }
        }
    }

}
