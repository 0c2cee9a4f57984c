package app.goblina.worker.sweeper;

import app.goblina.domain.CharacterStatus;
import app.goblina.jobs.AnalyzeCharacter;
import app.goblina.jobs.AssembleProject;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PollClip;
import app.goblina.jobs.SubmitClip;
import app.goblina.jobs.WriteScenarios;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.clips.ClipsFanIn;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Closes the gap between a committed row and its enqueued job: a process that dies after writing a record and
 * before enqueueing its next job leaves the record in a running state with nothing to move it. The sweep
 * enqueues that job again; the deterministic id makes it a no-op whenever the job does exist.
 */
@Singleton
public class StalledWorkSweeper implements JobRequestHandler<ResumeStalledWork> {

    /** Records handled per sweep; the next sweep takes the rest. */
    static final int BATCH = 200;

    private final CharacterRepository characters;
    private final ProjectRepository projects;
    private final ClipRepository clips;
    private final ClipsFanIn fanIn;
    private final JobQueue jobs;
    private final WorkerConfig config;
    private final Clock clock;

    public StalledWorkSweeper(CharacterRepository characters, ProjectRepository projects, ClipRepository clips,
            ClipsFanIn fanIn, JobQueue jobs, WorkerConfig config, Clock clock) {
        this.characters = characters;
        this.projects = projects;
        this.clips = clips;
        this.fanIn = fanIn;
        this.jobs = jobs;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void run(ResumeStalledWork sweep) {
        long idle = config.sweepAfter().toSeconds();
        for (CharacterRow character : characters.findIdleAnalyzing(idle, BATCH)) {
            jobs.enqueue(new AnalyzeCharacter(character.tenantId(), character.id()));
        }
        for (ProjectRow project : projects.findIdleRunning(idle, BATCH)) {
            resume(project);
        }
        for (ClipRow clip : clips.findIdleUnfinished(idle, BATCH)) {
            resume(clip);
        }
    }

    private void resume(ProjectRow project) {
        switch (project.status()) {
            case QUEUED -> {
                boolean ready = characters.findByIdAndTenantId(project.characterId(), project.tenantId())
                        .map(c -> c.status() == CharacterStatus.READY).orElse(false);
                if (ready) {
                    jobs.enqueue(new WriteScenarios(project.tenantId(), project.id()));
                }
            }
            case WRITING -> jobs.enqueue(new WriteScenarios(project.tenantId(), project.id()));
            case GENERATING -> fanIn.clipFinished(project.tenantId(), project.id());
            case ASSEMBLING -> jobs.enqueue(new AssembleProject(project.tenantId(), project.id()));
            default -> {
                // terminal: nothing to resume
            }
        }
    }

    private void resume(ClipRow clip) {
        switch (clip.status()) {
            case PENDING, SUBMITTING -> {
                // A round per sweep minute: the first round's id may belong to a job that already ran and died.
                int round = (int) (clock.instant().getEpochSecond() / 60);
                jobs.enqueue(new SubmitClip(clip.tenantId(), clip.projectId(), clip.id(), round));
            }
            case RUNNING -> {
                Instant now = clock.instant();
                jobs.enqueue(new PollClip(clip.tenantId(), clip.projectId(), clip.id(), clip.polls() + 1, now));
            }
            default -> {
                // finished: nothing to resume
            }
        }
    }
}
