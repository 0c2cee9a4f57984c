package app.goblina.worker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How a worker process runs jobs. Environment: {@code GOBLINA_WORKER_NAME}, {@code GOBLINA_WORKER_THREADS},
 * {@code GOBLINA_WORKER_POLL_INTERVAL}, {@code GOBLINA_WORKER_MEDIA_SLOTS}, {@code GOBLINA_WORKER_WORK_DIR},
 * {@code GOBLINA_WORKER_SWEEP_AFTER}, {@code GOBLINA_WORKER_CLIP_DEADLINE}.
 *
 * @param name          shown in the JobRunr dashboard's server list
 * @param threads       jobs run at once; most jobs wait on HTTP or the database, so more than the cores
 * @param pollInterval  JobRunr's poll: heartbeats, orphan detection, promotion of scheduled jobs, and the fallback
 *                      look for new work when no wake-up signal comes (see WakeUpConfig); JobRunr's SQL storage
 *                      refuses less than 5 s
 * @param runServer     false runs no jobs at all (tests that call stages directly)
 * @param mediaSlots    FFmpeg jobs at once in this process: encoding is CPU-bound native code, so one per
 *                      couple of cores; other jobs keep running while these wait for a slot
 * @param workDir       scratch space for clips being rendered or assembled; emptied after each job
 * @param sweepAfter    a record untouched this long in a running state gets its next job enqueued again
 *                      (same deterministic id, so a live job is never doubled)
 * @param clipDeadline  a clip still generating after this long fails with a clear reason
 */
@ConfigurationProperties("goblina.worker")
public record WorkerConfig(
        @Bindable(defaultValue = "worker") @NotBlank String name,
        @Bindable(defaultValue = "8") @Min(1) @Max(256) int threads,
        @Bindable(defaultValue = "5s") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "true") boolean runServer,
        @Bindable(defaultValue = "1") @Min(1) @Max(64) int mediaSlots,
        @Bindable(defaultValue = "data/work") @NotBlank String workDir,
        @Bindable(defaultValue = "5m") @NotNull Duration sweepAfter,
        @Bindable(defaultValue = "30m") @NotNull Duration clipDeadline) {
}
