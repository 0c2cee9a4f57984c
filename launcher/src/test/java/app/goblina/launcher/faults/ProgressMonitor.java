package app.goblina.launcher.faults;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Watches the database a few times a second and records every step forward: a project or clip changing status,
 * a clip polled again, a job_runs row finishing. Recovery times are read off these steps afterwards; the run
 * also asks it whether anything moved lately (to tell a slow platform from a stuck one). Queries that fail
 * (the database is down on purpose) are skipped.
 */
final class ProgressMonitor implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(200);

    /** What moved. A new project is the API's own write and says nothing about the workers. */
    enum Kind { PROJECT_CREATED, PROJECT, CLIP, JOB_RUN }

    /** One step forward. {@code clip} is null for a project's own steps; {@code project} is null when unknown. */
    record Step(Instant at, UUID project, UUID clip, Kind kind, String what) {

        boolean byWorkers() {
            return kind != Kind.PROJECT_CREATED;
        }
    }

    private final RunDatabase db;
    private final Thread thread;
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private final Map<UUID, RunDatabase.ProjectRow> projects = new HashMap<>();
    private final Map<UUID, RunDatabase.ClipRow> clips = new HashMap<>();
    private volatile Map<UUID, RunDatabase.ProjectRow> latestProjects = Map.of();
    private volatile Instant lastStep = Instant.now();
    private volatile boolean running = true;
    private volatile String lastError;
    private Instant jobRunsSeen = Instant.EPOCH;

    ProgressMonitor(RunDatabase db) {
        this.db = db;
        this.thread = new Thread(this::loop, "fault-run-progress");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            try {
                tick();
                lastError = null;
            } catch (SQLException | RuntimeException e) {
                lastError = e.getMessage();
            }
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void tick() throws SQLException {
        List<RunDatabase.ProjectRow> nowProjects = db.projects();
        List<RunDatabase.ClipRow> nowClips = db.clips();
        List<RunDatabase.JobRunRow> finished = db.finishedJobRunsSince(jobRunsSeen);
        Instant now = Instant.now();
        Map<UUID, RunDatabase.ProjectRow> latest = new HashMap<>();
        for (RunDatabase.ProjectRow project : nowProjects) {
            latest.put(project.id(), project);
            RunDatabase.ProjectRow before = projects.put(project.id(), project);
            if (before == null) {
                steps.add(new Step(now, project.id(), null, Kind.PROJECT_CREATED, "project created (" + project.status() + ")"));
            } else if (!before.status().equals(project.status()) || !Objects.equals(before.stage(), project.stage())) {
                step(now, project.id(), null, Kind.PROJECT, "project " + before.status() + " -> " + project.status());
            }
        }
        latestProjects = latest;
        for (RunDatabase.ClipRow clip : nowClips) {
            RunDatabase.ClipRow before = clips.put(clip.id(), clip);
            if (before == null) {
                step(now, clip.projectId(), clip.id(), Kind.CLIP, "clip created (" + clip.status() + ")");
            } else if (!before.status().equals(clip.status())) {
                step(now, clip.projectId(), clip.id(), Kind.CLIP, "clip " + before.status() + " -> " + clip.status());
            } else if (clip.polls() > before.polls()) {
                step(now, clip.projectId(), clip.id(), Kind.CLIP, "clip polled (" + clip.polls() + ")");
            }
        }
        for (RunDatabase.JobRunRow run : finished) {
            // job_runs knows the project; the job's own arguments in jobrunr_jobs name the clip.
            UUID clip = db.job(run.jobId()).map(RunDatabase.JobRow::clipId).orElse(null);
            step(now, run.projectId(), clip, Kind.JOB_RUN, run.job() + " finished");
            if (run.finishedAt().isAfter(jobRunsSeen)) {
                jobRunsSeen = run.finishedAt();
            }
        }
    }

    private void step(Instant at, UUID project, UUID clip, Kind kind, String what) {
        steps.add(new Step(at, project, clip, kind, what));
        lastStep = at;
    }

    /** When the workers last moved something forward (or the monitor started). */
    Instant lastStep() {
        return lastStep;
    }

    /** The projects as last read: status by id. */
    Map<UUID, RunDatabase.ProjectRow> projects() {
        return latestProjects;
    }

    /** Whether a project is not finished, as last read. */
    boolean workLeft() {
        return latestProjects.values().stream().anyMatch(p -> !p.terminal());
    }

    /** The first step of the workers at or after {@code from} that {@code matches}. */
    Optional<Step> firstStepFrom(Instant from, Predicate<Step> matches) {
        return steps.stream().filter(Step::byWorkers).filter(s -> !s.at().isBefore(from)).filter(matches).findFirst();
    }

    /** The last step about {@code project} (its clips included), for reports. */
    Optional<Step> lastStepOf(UUID project) {
        Step last = null;
        for (Step step : steps) {
            if (project.equals(step.project())) {
                last = step;
            }
        }
        return Optional.ofNullable(last);
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
