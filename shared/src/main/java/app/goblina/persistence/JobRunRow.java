package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code job_runs}: when a job became ready to run, when a worker started it and when it finished.
 * {@code startedAt - readyAt} is the time it waited in the queue.
 */
@MappedEntity("job_runs")
public record JobRunRow(
        @Id UUID jobId,
        UUID tenantId,
        @Nullable UUID projectId,
        @Nullable UUID characterId,
        String job,
        String stage,
        Instant readyAt,
        Instant startedAt,
        @Nullable Instant finishedAt) {
}
