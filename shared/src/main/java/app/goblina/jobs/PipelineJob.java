package app.goblina.jobs;

import app.goblina.domain.Stage;
import java.time.Instant;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * A job of the pipeline. Jobs carry ids only (never entities, URLs or secrets); the stage that runs one loads its
 * state. Each job knows its deterministic id.
 */
public interface PipelineJob extends JobRequest {

    UUID tenantId();

    /** The id JobRunr stores this job under; the same for every enqueue of the same work. */
    UUID jobId();

    /** A name for the dashboard, e.g. "Submit clip 3f2a…". */
    String displayName();

    Stage stage();

    /** The project this job works for, or null for a character's analysis. */
    UUID projectId();

    /** The character this job works for, or null. */
    default UUID characterId() {
        return null;
    }

    /** When a scheduled job became due, or null for an enqueued one (due when created). */
    default Instant notBefore() {
        return null;
    }
}
