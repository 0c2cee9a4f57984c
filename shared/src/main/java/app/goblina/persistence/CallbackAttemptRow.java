package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code callback_attempts}: one try at delivering a project's callback, numbered from 1.
 *
 * @param httpStatus    the receiver's status code, or null when it did not answer
 * @param error         why the attempt did not count as delivered, or null when it did
 * @param nextAttemptAt when the next attempt is due, or null when there is none
 */
@MappedEntity("callback_attempts")
public record CallbackAttemptRow(
        @Id Long id,
        UUID projectId,
        UUID tenantId,
        int number,
        Instant at,
        @Nullable Integer httpStatus,
        @Nullable String error,
        @Nullable Instant nextAttemptAt) {
}
