package app.goblina.worker.sweeper;

import app.goblina.persistence.ClipRepository;
import app.goblina.worker.limits.ProviderRateLimiter;
import app.goblina.worker.limits.ProviderRateLimiter.HeldSlot;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Frees the generation slots that no clip holds any more. A slot is taken by a clip before its create call and
 * freed when the clip is stored, fails or is cancelled; a worker killed between those writes, or a project failed
 * by another scene, can leave it taken, and the shared limit then stays lower until the lease runs out. Each
 * sweep compares Redis's holders with the clips table and frees those whose clip neither runs at the provider
 * nor waits to be submitted for a live project.
 */
@Singleton
public class LeakedSlots {

    private final ProviderRateLimiter limiter;
    private final ClipRepository clips;

    public LeakedSlots(ProviderRateLimiter limiter, ClipRepository clips) {
        this.limiter = limiter;
        this.clips = clips;
    }

    /** Frees every leaked slot and answers how many it freed. */
    public int free() {
        List<HeldSlot> held = limiter.heldSlots();
        if (held.isEmpty()) {
            return 0;
        }
        Map<HeldSlot, UUID> clipOf = held.stream()
                .filter(slot -> isUuid(slot.holder()))
                .collect(Collectors.toMap(slot -> slot, slot -> UUID.fromString(slot.holder()), (a, b) -> a));
        Set<UUID> holding = new HashSet<>(clips.findHoldingSlots(new HashSet<>(clipOf.values())));
        int freed = 0;
        for (Map.Entry<HeldSlot, UUID> entry : clipOf.entrySet()) {
            if (!holding.contains(entry.getValue())) {
                limiter.release(entry.getKey().provider(), entry.getKey().model(), entry.getKey().holder());
                freed++;
            }
        }
        return freed;
    }

    private static boolean isUuid(String holder) {
        try {
            UUID.fromString(holder);
            return true;
        } catch (IllegalArgumentException notAClip) {
            return false;
        }
    }
}
