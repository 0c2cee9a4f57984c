package app.goblina.worker.metrics;

import app.goblina.worker.limits.MediaSlots;
import io.micronaut.context.annotation.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * This worker's FFmpeg slots ({@link MediaSlots}):
 * <ul>
 *   <li>{@code goblina_worker_media_slots}: how many there are ({@code GOBLINA_WORKER_MEDIA_SLOTS});</li>
 *   <li>{@code goblina_worker_media_slots_busy}: how many a render or an assembly holds now;</li>
 *   <li>{@code goblina_worker_media_jobs_waiting}: jobs waiting for a slot now, each holding a job thread.</li>
 * </ul>
 */
@Context
public class MediaSlotMetrics {

    public MediaSlotMetrics(MeterRegistry registry, MediaSlots slots) {
        Gauge.builder("goblina.worker.media.slots", slots, MediaSlots::size).strongReference(true)
                .description("FFmpeg slots in this worker").register(registry);
        Gauge.builder("goblina.worker.media.slots.busy", slots, MediaSlots::busy).strongReference(true)
                .description("FFmpeg slots a render or an assembly holds now").register(registry);
        Gauge.builder("goblina.worker.media.jobs.waiting", slots, MediaSlots::waiting).strongReference(true)
                .description("Jobs waiting for an FFmpeg slot now").register(registry);
    }
}
